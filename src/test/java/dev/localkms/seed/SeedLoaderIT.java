package dev.localkms.seed;

import static dev.localkms.sdk.TeaKmsDriver.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.aliyun.ram20150501.Client;
import com.aliyuncs.http.MethodType;
import com.aliyun.ram20150501.models.GetPolicyRequest;
import com.aliyun.ram20150501.models.ListAccessKeysRequest;
import com.aliyun.ram20150501.models.ListPoliciesForUserRequest;
import com.aliyun.ram20150501.models.ListPoliciesForUserResponseBody.ListPoliciesForUserResponseBodyPoliciesPolicy;
import com.aliyun.ram20150501.models.UpdateAccessKeyRequest;
import dev.localkms.sdk.KmsDriver.AliasView;
import dev.localkms.sdk.RamClients;
import dev.localkms.sdk.SdkError;
import dev.localkms.sdk.TeaKmsDriver;
import dev.localkms.support.SeededIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class SeedLoaderIT extends SeededIntegrationTest {

    private static final List<String> SNAPSHOT_QUERIES = List.of(
            "select * from account order by id",
            "select * from region_scope order by account_id, region_id",
            "select * from ram_user order by id",
            "select * from access_key order by id",
            "select * from ram_policy order by id",
            "select * from user_policy order by user_id, policy_type, policy_name",
            "select * from kms_key order by id",
            "select * from key_version order by id",
            "select * from kms_alias order by id");

    @Autowired
    private SeedLoader loader;

    @Autowired
    private JdbcTemplate jdbc;

    @TempDir
    private Path directory;

    private Client ramA() {
        return RamClients.client(port, ROOT_ACCESS_KEY_ID, ROOT_SECRET, false);
    }

    private TeaKmsDriver rootB() {
        return new TeaKmsDriver(port, ACCOUNT_B_ROOT_ACCESS_KEY_ID, ACCOUNT_B_ROOT_SECRET, false, DEFAULT_REGION);
    }

    private List<List<Map<String, Object>>> snapshot() {
        return SNAPSHOT_QUERIES.stream().map(jdbc::queryForList).toList();
    }

    @Test
    void loadingAgainChangesNothing() {
        List<List<Map<String, Object>>> before = snapshot();

        loader.load();

        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void loadingAgainRestoresChangedRows() {
        call(() -> ramA().updateAccessKey(new UpdateAccessKeyRequest().setUserName(ALIAS_CREATOR.name())
                .setUserAccessKeyId(ALIAS_CREATOR.accessKeyId()).setStatus("Inactive")));
        teaV3().updateAlias(KEY_NEW, ALIAS_SEEDED_A);

        loader.load();

        String status = call(() -> ramA().listAccessKeys(new ListAccessKeysRequest()
                .setUserName(ALIAS_CREATOR.name()))).getBody().getAccessKeys().getAccessKey().get(0).getStatus();
        assertThat(status).isEqualTo("Active");
        assertThat(teaV3().describeKey(ALIAS_SEEDED_A).keyId()).isEqualTo(KEY_ORIGINAL);
    }

    @Test
    void seededUsersHaveTheirPolicies() {
        List<ListPoliciesForUserResponseBodyPoliciesPolicy> policies = call(() -> ramA().listPoliciesForUser(
                new ListPoliciesForUserRequest().setUserName(ALLOW_DENY_USER.name()))).getBody().getPolicies()
                .getPolicy();

        assertThat(policies).extracting(policy -> policy.getPolicyType() + "/" + policy.getPolicyName())
                .containsExactlyInAnyOrder("System/AliyunKMSFullAccess", "Custom/DenyDeleteAlias");
    }

    @Test
    void policyGivenAsJsonTextIsStoredVerbatim() {
        String document = call(() -> ramA().getPolicy(new GetPolicyRequest().setPolicyType("Custom")
                .setPolicyName("AliasListByKeyExample"))).getBody().getDefaultPolicyVersion().getPolicyDocument();

        assertThat(document).startsWith("{\"Version\": \"1\", \"Statement\": [{\"Effect\": \"Allow\"");
        assertThat(document).contains("key/" + KEY_NEW);
    }

    @Test
    void seededKeysHaveFixedIdsAndStates() {
        assertThat(teaV3().describeKey(KEY_ORIGINAL).description()).isEqualTo("Original key of the alias guide");
        assertThat(teaV3().describeKey(KEY_ORIGINAL).keyState()).isEqualTo("Enabled");
        assertThat(teaV3().describeKey(KEY_DISABLED).keyState()).isEqualTo("Disabled");
        assertThat(teaV3().describeKey(KEY_PENDING_DELETION).keyState()).isEqualTo("PendingDeletion");
        assertThat(pop(SHANGHAI, MethodType.POST).describeKey(KEY_SHANGHAI).keyId()).isEqualTo(KEY_SHANGHAI);
    }

    @Test
    void seededAliasesAreScopedByAccountAndRegion() {
        List<AliasView> shanghai = pop(SHANGHAI, MethodType.POST).listAliasesByKeyId(KEY_SHANGHAI, 1, 100).aliases();
        List<AliasView> accountB = rootB().listAliasesByKeyId(KEY_ACCOUNT_B, 1, 100).aliases();

        assertThat(shanghai).extracting(AliasView::aliasName).containsExactly(ALIAS_EXAMPLE);
        assertThat(accountB).extracting(AliasView::aliasName).containsExactly(ALIAS_EXAMPLE);
        assertThat(teaV3().describeKey(ALIAS_SEEDED_PENDING).keyId()).isEqualTo(KEY_PENDING_DELETION);
    }

    @Test
    void accountBKeyIsInvisibleToAccountA() {
        SdkError error = catchThrowableOfType(SdkError.class, () -> teaV3().describeKey(KEY_ACCOUNT_B));

        assertThat(error.code()).isEqualTo("Forbidden.KeyNotFound");
    }

    @Test
    void inactiveSeededKeyCannotSign() {
        SdkError error = catchThrowableOfType(SdkError.class,
                () -> teaAs(INACTIVE_KEY_USER).listKeys(1, 10));

        assertThat(error.code()).isEqualTo("InvalidAccessKeyId.Inactive");
    }

    @Test
    void missingFileIsNamed() {
        SeedFileException error = catchThrowableOfType(SeedFileException.class,
                () -> loader.load("classpath:seed/no-such-file.yml"));

        assertThat(error.getMessage())
                .startsWith("Seed file classpath:seed/no-such-file.yml is invalid: the file does not exist.");
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of("""
                        version: 1
                        accounts:
                          - id: "5555000000000001"
                            users:
                              - name: alice
                              - name: bob
                                accessKeys: [{id: LTAISeedBadStatus0001, secret: x, status: Paused}]
                        """, "accounts[0].users[1].accessKeys[0].status: \"Paused\" must be Active or Inactive"),
                Arguments.of("""
                        version: 1
                        accounts:
                          - id: "5555000000000002"
                            users:
                              - name: alice
                                accessKeys: [{id: LTAI5tLocalKmsRootKey00, secret: x}]
                        """, "accounts[0].users[0].accessKeys[0]: Access key LTAI5tLocalKmsRootKey00 already "
                        + "belongs to the root of account 1234567890123456."),
                Arguments.of("""
                        version: 1
                        accounts:
                          - id: "5555000000000003"
                            rootAccessKeys: [{id: LTAISeedAliasCreator0001, secret: x}]
                        """, "accounts[0].rootAccessKeys[0]: Access key LTAISeedAliasCreator0001 already belongs "
                        + "to account 1234567890123456 user "),
                Arguments.of("""
                        version: 1
                        accounts:
                          - id: "5555000000000004"
                            keys: [{id: 08ec3bb9-034f-485b-b1cd-3459baa80001}]
                        """, "accounts[0].keys[0]: Key 08ec3bb9-034f-485b-b1cd-3459baa80001 already exists in "
                        + "account 1234567890123456, region cn-hangzhou."),
                Arguments.of("""
                        version: 1
                        accounts:
                          - id: "5555000000000005"
                            users:
                              - name: alice
                                accessKeys:
                                  - {id: LTAISeedQuota00000001, secret: x}
                                  - {id: LTAISeedQuota00000002, secret: x}
                                  - {id: LTAISeedQuota00000003, secret: x}
                        """, "accounts[0].users[0].accessKeys[2]: The access key count of the user access keys "
                        + "beyond the current limits."));
    }

    @ParameterizedTest
    @MethodSource("badFiles")
    void badFileNamesFileEntryAndRule(String yaml, String entryAndRule) throws IOException {
        Path file = directory.resolve("seed.yml");
        Files.writeString(file, yaml);

        SeedFileException error = catchThrowableOfType(SeedFileException.class, () -> loader.load(file.toString()));

        assertThat(error.getMessage()).startsWith("Seed file " + file + " is invalid at " + entryAndRule);
    }
}
