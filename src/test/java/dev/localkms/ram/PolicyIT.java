package dev.localkms.ram;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.aliyun.tea.TeaException;
import dev.localkms.auth.signature.RpcV1Signature;
import dev.localkms.sdk.KmsDriver;
import dev.localkms.sdk.KmsDriver.AliasView;
import dev.localkms.sdk.SdkError;
import dev.localkms.sdk.TeaCryptoKmsDriver;
import dev.localkms.sdk.TeaKmsDriver;
import dev.localkms.support.SeededIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * RAM users of the seed file call KMS through the official SDKs. Each example policy of Alibaba's alias
 * guide allows exactly its action on its resources, and a Deny wins over an Allow. Access-key and
 * signature failures get their codes, and accounts never see each other's keys or aliases.
 */
class PolicyIT extends SeededIntegrationTest {

    private static final String ALIAS_ARN_EXAMPLE = "acs:kms:cn-hangzhou:" + ACCOUNT_A + ":alias/example";

    @Test
    void aliasGuidePoliciesAllowExactlyTheirAction() {
        TeaKmsDriver creator = teaAs(ALIAS_CREATOR);
        TeaKmsDriver updater = teaAs(ALIAS_UPDATER);
        TeaKmsDriver lister = teaAs(ALIAS_LISTER);
        TeaKmsDriver keyLister = teaAs(ALIAS_KEY_LISTER);
        TeaKmsDriver deleter = teaAs(ALIAS_DELETER);
        try {
            // CreateAlias: only alias/example, only on the original key.
            creator.createAlias(KEY_ORIGINAL, ALIAS_EXAMPLE);
            assertDenied(() -> creator.createAlias(KEY_ORIGINAL, uniqueAlias("creator-other")));
            assertDenied(() -> creator.createAlias(KEY_NEW, uniqueAlias("creator-key")));
            assertDenied(() -> creator.listAliases(1, 10));
            assertDenied(() -> creator.updateAlias(KEY_NEW, ALIAS_EXAMPLE));
            assertDenied(() -> creator.deleteAlias(ALIAS_EXAMPLE));

            // DeleteAlias: only alias/example while it points to the new key.
            assertDenied(() -> deleter.deleteAlias(ALIAS_EXAMPLE));

            // UpdateAlias: the alias, the original key and the new key, in both directions.
            updater.updateAlias(KEY_NEW, ALIAS_EXAMPLE);
            updater.updateAlias(KEY_ORIGINAL, ALIAS_EXAMPLE);
            assertDenied(() -> updater.updateAlias(KEY_DISABLED, ALIAS_EXAMPLE));
            assertDenied(() -> updater.updateAlias(KEY_NEW, ALIAS_SEEDED_A));
            assertDenied(() -> updater.createAlias(KEY_ORIGINAL, uniqueAlias("updater")));
            assertDenied(() -> updater.listAliases(1, 10));
            updater.updateAlias(KEY_NEW, ALIAS_EXAMPLE);

            // ListAliases: the alias container of cn-hangzhou only.
            assertThat(names(lister.listAliases(1, 100).aliases())).contains(ALIAS_EXAMPLE, ALIAS_SEEDED_A);
            assertDenied(() -> lister.listAliasesByKeyId(KEY_NEW, 1, 10));
            assertDenied(() -> lister.describeKey(KEY_NEW));

            // ListAliasesByKeyId: the new key only.
            assertThat(names(keyLister.listAliasesByKeyId(KEY_NEW, 1, 10).aliases())).contains(ALIAS_EXAMPLE);
            assertDenied(() -> keyLister.listAliasesByKeyId(KEY_ORIGINAL, 1, 10));
            assertDenied(() -> keyLister.listAliases(1, 10));

            deleter.deleteAlias(ALIAS_EXAMPLE);
            assertDenied(() -> deleter.createAlias(KEY_NEW, ALIAS_EXAMPLE));
            assertDenied(() -> deleter.deleteAlias(ALIAS_SEEDED_A));
        } finally {
            deleteQuietly(ALIAS_EXAMPLE);
        }
    }

    @Test
    void denialCarriesAccessDeniedDetail() {
        TeaKmsDriver lister = teaAs(ALIAS_LISTER);

        TeaException denial = teaException(() -> lister.client().listAliasesByKeyId(
                new com.aliyun.kms20160120.models.ListAliasesByKeyIdRequest().setKeyId(KEY_NEW)));

        assertThat(denial.getCode()).isEqualTo("Forbidden.NoPermission");
        assertThat(denial.getStatusCode()).isEqualTo(403);
        assertThat(denial.getAccessDeniedDetail()).containsEntry("AuthAction", "kms:ListAliasesByKeyId")
                .containsEntry("AuthPrincipalType", "SubUser")
                .containsEntry("AuthPrincipalOwnerId", ACCOUNT_A)
                .containsEntry("AuthPrincipalDisplayName", ALIAS_LISTER.name())
                .containsEntry("NoPermissionType", "ImplicitDeny");
    }

    @Test
    void denyStatementOverridesAllow() {
        TeaKmsDriver user = teaAs(ALLOW_DENY_USER);
        String aliasName = uniqueAlias("deny");
        user.createAlias(KEY_NEW, aliasName);
        try {
            assertThat(names(user.listAliasesByKeyId(KEY_NEW, 1, 100).aliases())).contains(aliasName);

            TeaException denial = teaException(() -> user.client().deleteAlias(
                    new com.aliyun.kms20160120.models.DeleteAliasRequest().setAliasName(aliasName)));

            assertThat(denial.getCode()).isEqualTo("Forbidden.NoPermission");
            assertThat(denial.getAccessDeniedDetail()).containsEntry("NoPermissionType", "ExplicitDeny");
        } finally {
            deleteQuietly(aliasName);
        }
    }

    @Test
    void readOnlyPolicyAllowsReadsOnly() {
        TeaKmsDriver reader = teaAs(KMS_READER);

        assertThat(reader.describeKey(ALIAS_SEEDED_A).keyId()).isEqualTo(KEY_ORIGINAL);
        assertThat(reader.listKeys(1, 100).keyIds()).contains(KEY_ORIGINAL);
        assertDenied(() -> reader.createAlias(KEY_ORIGINAL, uniqueAlias("reader")));
        assertDenied(() -> reader.createKey("reader"));
    }

    @Test
    void userWithoutPoliciesIsDeniedEverything() {
        TeaKmsDriver user = teaAs(NO_POLICY_USER);

        assertDenied(() -> user.listAliases(1, 10));
        assertDenied(() -> user.describeKey(KEY_ORIGINAL));
        assertDenied(() -> user.createKey("none"));
    }

    @Test
    void encryptIsAuthorizedOnTheResolvedKey() {
        TeaCryptoKmsDriver keyEncrypter = new TeaCryptoKmsDriver(port, KEY_ENCRYPTER.accessKeyId(),
                KEY_ENCRYPTER.secret(), false, DEFAULT_REGION);
        TeaCryptoKmsDriver aliasEncrypter = new TeaCryptoKmsDriver(port, ALIAS_ENCRYPTER.accessKeyId(),
                ALIAS_ENCRYPTER.secret(), false, DEFAULT_REGION);

        assertThat(keyEncrypter.encrypt(ALIAS_SEEDED_A, "hello", Map.of()).keyId()).isEqualTo(KEY_ORIGINAL);
        assertThat(keyEncrypter.encrypt(KEY_ORIGINAL, "hello", Map.of()).keyId()).isEqualTo(KEY_ORIGINAL);
        assertDenied(() -> aliasEncrypter.encrypt(ALIAS_SEEDED_A, "hello", Map.of()));
        assertDenied(() -> aliasEncrypter.encrypt(KEY_ORIGINAL, "hello", Map.of()));
    }

    @Test
    void inactiveAccessKeyIsRejected() {
        SdkError error = sdkError(() -> teaAs(INACTIVE_KEY_USER).listAliases(1, 10));

        assertThat(error.code()).isEqualTo("InvalidAccessKeyId.Inactive");
        assertThat(error.status()).isEqualTo(400);
    }

    @Test
    void wrongSecretIsRejected() {
        TeaKmsDriver wrongSecret = new TeaKmsDriver(port, ALIAS_LISTER.accessKeyId(), "WrongSecret00000000000000000000",
                false, DEFAULT_REGION);
        TeaKmsDriver wrongSecretV1 = new TeaKmsDriver(port, ALIAS_LISTER.accessKeyId(),
                "WrongSecret00000000000000000000", true, DEFAULT_REGION);

        assertThat(sdkError(() -> wrongSecret.listAliases(1, 10)).code()).isEqualTo("SignatureDoesNotMatch");
        assertThat(sdkError(() -> wrongSecretV1.listAliases(1, 10)).code()).isEqualTo("SignatureDoesNotMatch");
        // The legacy SDK compares the server's string to sign with its own. When they are equal, it reports
        // the mismatch as a wrong secret, so this code proves that the server signed what the SDK signed.
        assertThat(sdkError(() -> popAs(new SeededUser(ACCOUNT_A, "x", ALIAS_LISTER.accessKeyId(),
                "WrongSecret00000000000000000000"), DEFAULT_REGION).listAliases(1, 10)).code())
                .isEqualTo("SDK.InvalidAccessKeySecret");
    }

    @Test
    void unknownAccessKeyIsRejected() {
        SdkError error = sdkError(() -> new TeaKmsDriver(port, "LTAIUnknownKey0000000000", "Secret", false,
                DEFAULT_REGION).listAliases(1, 10));

        assertThat(error.code()).isEqualTo("InvalidAccessKeyId.NotFound");
        assertThat(error.status()).isEqualTo(404);
    }

    @Test
    void staleTimestampIsRejected() {
        clock.advance(Duration.ofMinutes(16));

        SdkError v3 = sdkError(() -> teaAs(ALIAS_LISTER).listAliases(1, 10));
        SdkError v1 = sdkError(() -> popAs(ALIAS_LISTER, DEFAULT_REGION).listAliases(1, 10));

        assertThat(v3.code()).isEqualTo("InvalidTimeStamp.Expired");
        assertThat(v1.code()).isEqualTo("InvalidTimeStamp.Expired");
    }

    @Test
    void replayedNonceIsRejected() throws Exception {
        URI signed = signedListAliases(ALIAS_LISTER, UUID.randomUUID().toString());
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> first = http.send(HttpRequest.newBuilder(signed).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> replay = http.send(HttpRequest.newBuilder(signed).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(replay.body()).contains("\"Code\":\"SignatureNonceUsed\"");
    }

    @Test
    void accountBCannotSeeAccountA() {
        KmsDriver rootB = new TeaKmsDriver(port, ACCOUNT_B_ROOT_ACCESS_KEY_ID, ACCOUNT_B_ROOT_SECRET, false,
                DEFAULT_REGION);
        KmsDriver adminB = teaAs(ACCOUNT_B_ADMIN);
        String keyArnA = "acs:kms:cn-hangzhou:" + ACCOUNT_A + ":key/" + KEY_ORIGINAL;

        for (KmsDriver driver : List.of(rootB, adminB)) {
            List<AliasView> aliases = driver.listAliases(1, 100).aliases();
            assertThat(aliases).extracting(AliasView::keyId).containsOnly(KEY_ACCOUNT_B);
            assertThat(driver.listKeys(1, 100).keyIds()).doesNotContain(KEY_ORIGINAL, KEY_NEW);
            assertThat(sdkError(() -> driver.describeKey(KEY_ORIGINAL)).code()).isEqualTo("Forbidden.KeyNotFound");
            assertThat(sdkError(() -> driver.describeKey(keyArnA)).code()).isEqualTo("Forbidden.KeyNotFound");
            assertThat(sdkError(() -> driver.describeKey(ALIAS_SEEDED_A)).code()).isEqualTo("Forbidden.AliasNotFound");
            assertThat(sdkError(() -> driver.deleteAlias(ALIAS_SEEDED_A)).code()).isEqualTo("Forbidden.AliasNotFound");
            assertThat(sdkError(() -> driver.updateAlias(KEY_ORIGINAL, ALIAS_EXAMPLE)).code())
                    .isEqualTo("Forbidden.KeyNotFound");
            assertThat(sdkError(() -> driver.createAlias(keyArnA, uniqueAlias("cross"))).code())
                    .isEqualTo("Forbidden.KeyNotFound");
            assertThat(sdkError(() -> driver.listAliasesByKeyId(KEY_ORIGINAL, 1, 10)).code())
                    .isEqualTo("Forbidden.KeyNotFound");
        }
        assertThat(teaV3().describeKey(ALIAS_SEEDED_A).keyId()).isEqualTo(KEY_ORIGINAL);
    }

    @Test
    void createAliasAcceptsKeyArn() {
        TeaKmsDriver creator = teaAs(ALIAS_CREATOR);
        try {
            creator.createAlias("acs:kms:cn-hangzhou:" + ACCOUNT_A + ":key/" + KEY_ORIGINAL, ALIAS_EXAMPLE);

            assertThat(teaV3().listAliasesByKeyId(KEY_ORIGINAL, 1, 100).aliases())
                    .extracting(AliasView::aliasArn).contains(ALIAS_ARN_EXAMPLE);
        } finally {
            deleteQuietly(ALIAS_EXAMPLE);
        }
    }

    private URI signedListAliases(SeededUser user, String nonce) {
        List<Map.Entry<String, String>> parameters = new ArrayList<>(List.of(
                Map.entry("Action", "ListAliases"),
                Map.entry("Version", "2016-01-20"),
                Map.entry("Format", "JSON"),
                Map.entry("AccessKeyId", user.accessKeyId()),
                Map.entry("SignatureMethod", "HMAC-SHA1"),
                Map.entry("SignatureVersion", "1.0"),
                Map.entry("SignatureNonce", nonce),
                Map.entry("Timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())));
        String signature = RpcV1Signature.sign(RpcV1Signature.stringToSign("GET", parameters, true), user.secret());
        parameters.add(Map.entry("Signature", signature));
        String query = parameters.stream()
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return URI.create("http://127.0.0.1:" + port + "/?" + query);
    }

    private void deleteQuietly(String aliasName) {
        try {
            teaV3().deleteAlias(aliasName);
        } catch (SdkError e) {
            assertThat(e.code()).isEqualTo("Forbidden.AliasNotFound");
        }
    }

    private static List<String> names(List<AliasView> aliases) {
        return aliases.stream().map(AliasView::aliasName).toList();
    }

    private static void assertDenied(Executable call) {
        SdkError error = sdkError(call);
        assertThat(error.code()).as(error.getMessage()).isEqualTo("Forbidden.NoPermission");
        assertThat(error.status()).isEqualTo(403);
    }

    private static SdkError sdkError(Executable call) {
        Throwable thrown = org.junit.jupiter.api.Assertions.assertThrows(SdkError.class, call);
        return (SdkError) thrown;
    }

    private static TeaException teaException(java.util.concurrent.Callable<?> call) {
        Throwable thrown = org.junit.jupiter.api.Assertions.assertThrows(TeaException.class, call::call);
        return (TeaException) thrown;
    }
}
