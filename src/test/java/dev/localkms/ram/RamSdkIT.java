package dev.localkms.ram;

import static dev.localkms.sdk.TeaKmsDriver.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import com.aliyun.ram20150501.Client;
import com.aliyun.ram20150501.models.AttachPolicyToUserRequest;
import com.aliyun.ram20150501.models.CreateAccessKeyRequest;
import com.aliyun.ram20150501.models.CreateAccessKeyResponseBody;
import com.aliyun.ram20150501.models.CreatePolicyRequest;
import com.aliyun.ram20150501.models.CreatePolicyResponseBody;
import com.aliyun.ram20150501.models.CreateUserRequest;
import com.aliyun.ram20150501.models.CreateUserResponseBody;
import com.aliyun.ram20150501.models.DeleteAccessKeyRequest;
import com.aliyun.ram20150501.models.DeletePolicyRequest;
import com.aliyun.ram20150501.models.DeleteUserRequest;
import com.aliyun.ram20150501.models.DetachPolicyFromUserRequest;
import com.aliyun.ram20150501.models.GetPolicyRequest;
import com.aliyun.ram20150501.models.GetPolicyResponseBody;
import com.aliyun.ram20150501.models.GetUserRequest;
import com.aliyun.ram20150501.models.GetUserResponseBody;
import com.aliyun.ram20150501.models.ListAccessKeysRequest;
import com.aliyun.ram20150501.models.ListAccessKeysResponseBody;
import com.aliyun.ram20150501.models.ListPoliciesForUserRequest;
import com.aliyun.ram20150501.models.ListPoliciesForUserResponseBody;
import com.aliyun.ram20150501.models.ListPoliciesRequest;
import com.aliyun.ram20150501.models.ListPoliciesResponseBody;
import com.aliyun.ram20150501.models.ListUsersRequest;
import com.aliyun.ram20150501.models.ListUsersResponseBody;
import com.aliyun.ram20150501.models.UpdateAccessKeyRequest;
import dev.localkms.sdk.RamClients;
import dev.localkms.sdk.SdkError;
import dev.localkms.sdk.TeaKmsDriver;
import dev.localkms.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Drives every RAM action through the official RAM SDK, as the default account's root. */
class RamSdkIT extends IntegrationTest {

    private static final String DOCUMENT = """
            {"Version": "1", "Statement": [{"Effect": "Allow", "Action": "kms:List*", "Resource": "*"}]}""";

    private Client ram() {
        return RamClients.client(port, ROOT_ACCESS_KEY_ID, ROOT_SECRET, false);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private String createUser(String userName) {
        return call(() -> ram().createUser(new CreateUserRequest().setUserName(userName))).getBody().getUser()
                .getUserId();
    }

    private void createPolicy(String policyName, String document) {
        call(() -> ram().createPolicy(new CreatePolicyRequest().setPolicyName(policyName)
                .setPolicyDocument(document)));
    }

    private void attach(String type, String policyName, String userName) {
        call(() -> ram().attachPolicyToUser(new AttachPolicyToUserRequest().setPolicyType(type)
                .setPolicyName(policyName).setUserName(userName)));
    }

    private static SdkError failure(Callable<?> action) {
        try {
            call(action);
        } catch (SdkError e) {
            return e;
        }
        return fail("The call succeeded, but an error reply was expected");
    }

    @Test
    void createUserReturnsUserFields() {
        String userName = unique("it-user");
        CreateUserResponseBody.CreateUserResponseBodyUser user = call(() -> ram().createUser(new CreateUserRequest()
                .setUserName(userName).setDisplayName("Test user").setEmail("test@example.com")
                .setMobilePhone("86-18600000000").setComments("made by RamSdkIT"))).getBody().getUser();

        assertThat(user.getUserId()).matches("[1-9][0-9]{15}");
        assertThat(user.getUserName()).isEqualTo(userName);
        assertThat(user.getDisplayName()).isEqualTo("Test user");
        assertThat(user.getEmail()).isEqualTo("test@example.com");
        assertThat(user.getMobilePhone()).isEqualTo("86-18600000000");
        assertThat(user.getComments()).isEqualTo("made by RamSdkIT");
        assertThat(user.getCreateDate()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    }

    @Test
    void getUserReturnsStoredUser() {
        String userName = unique("it-user");
        String userId = createUser(userName);

        GetUserResponseBody.GetUserResponseBodyUser user =
                call(() -> ram().getUser(new GetUserRequest().setUserName(userName))).getBody().getUser();

        assertThat(user.getUserId()).isEqualTo(userId);
        assertThat(user.getUserName()).isEqualTo(userName);
        assertThat(user.getUpdateDate()).isEqualTo(user.getCreateDate());
    }

    @Test
    void getUnknownUserIsEntityNotExist() {
        SdkError error = failure(() -> ram().getUser(new GetUserRequest().setUserName(unique("it-missing"))));

        assertThat(error.code()).isEqualTo("EntityNotExist.User");
        assertThat(error.status()).isEqualTo(404);
        assertThat(error.getMessage()).contains("The user does not exist.");
    }

    @Test
    void createUserTwiceIsEntityAlreadyExists() {
        String userName = unique("it-user");
        createUser(userName);

        SdkError error = failure(() -> ram().createUser(new CreateUserRequest().setUserName(userName)));

        assertThat(error.code()).isEqualTo("EntityAlreadyExists.User");
        assertThat(error.status()).isEqualTo(409);
    }

    static Stream<Arguments> invalidUserNames() {
        return Stream.of(
                Arguments.of("bad name", "InvalidParameter.UserName.InvalidChars"),
                Arguments.of("bad/name", "InvalidParameter.UserName.InvalidChars"),
                Arguments.of("a".repeat(65), "InvalidParameter.UserName.Length"));
    }

    @ParameterizedTest
    @MethodSource("invalidUserNames")
    void invalidUserNameIsRejected(String userName, String code) {
        SdkError error = failure(() -> ram().createUser(new CreateUserRequest().setUserName(userName)));

        assertThat(error.code()).isEqualTo(code);
        assertThat(error.status()).isEqualTo(400);
    }

    @Test
    void listUsersPagesByName() {
        String prefix = unique("it-page");
        List<String> created = List.of(prefix + "-c", prefix + "-a", prefix + "-b");
        created.forEach(this::createUser);

        List<String> listed = new ArrayList<>();
        String marker = null;
        for (int page = 0; page < 10_000; page++) {
            String pageMarker = marker;
            ListUsersResponseBody body = call(() -> ram().listUsers(
                    new ListUsersRequest().setMaxItems(2).setMarker(pageMarker))).getBody();
            List<ListUsersResponseBody.ListUsersResponseBodyUsersUser> users = body.getUsers().getUser();
            users.forEach(user -> listed.add(user.getUserName()));
            if (!body.getIsTruncated()) {
                assertThat(body.getMarker()).isNull();
                break;
            }
            assertThat(users).hasSize(2);
            marker = body.getMarker();
        }

        assertThat(listed).isSorted();
        assertThat(listed).containsSubsequence(prefix + "-a", prefix + "-b", prefix + "-c");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1001})
    void listUsersRejectsMaxItemsOutOfRange(int maxItems) {
        SdkError error = failure(() -> ram().listUsers(new ListUsersRequest().setMaxItems(maxItems)));

        assertThat(error.code()).isEqualTo("InvalidParameter");
        assertThat(error.status()).isEqualTo(400);
    }

    @Test
    void deleteUserRemovesIt() {
        String userName = unique("it-user");
        createUser(userName);

        call(() -> ram().deleteUser(new DeleteUserRequest().setUserName(userName)));

        assertThat(failure(() -> ram().getUser(new GetUserRequest().setUserName(userName))).code())
                .isEqualTo("EntityNotExist.User");
    }

    @Test
    void createAccessKeyReturnsSecretOnce() {
        String userName = unique("it-user");
        createUser(userName);

        CreateAccessKeyResponseBody.CreateAccessKeyResponseBodyAccessKey key = call(() -> ram().createAccessKey(
                new CreateAccessKeyRequest().setUserName(userName))).getBody().getAccessKey();
        List<ListAccessKeysResponseBody.ListAccessKeysResponseBodyAccessKeysAccessKey> listed = call(() -> ram()
                .listAccessKeys(new ListAccessKeysRequest().setUserName(userName))).getBody().getAccessKeys()
                .getAccessKey();

        assertThat(key.getAccessKeyId()).matches("LTAI[A-Za-z0-9]{20}");
        assertThat(key.getAccessKeySecret()).matches("[A-Za-z0-9]{30}");
        assertThat(key.getStatus()).isEqualTo("Active");
        assertThat(listed).singleElement().satisfies(entry -> {
            assertThat(entry.getAccessKeyId()).isEqualTo(key.getAccessKeyId());
            assertThat(entry.getStatus()).isEqualTo("Active");
            assertThat(entry.getCreateDate()).isEqualTo(key.getCreateDate());
        });
        assertThat(rawListAccessKeys(userName)).doesNotContain(key.getAccessKeySecret());
    }

    /** Returns the raw JSON of ListAccessKeys, sent unsigned as the default root. */
    private String rawListAccessKeys(String userName) {
        URI uri = URI.create("http://127.0.0.1:%d/?Action=ListAccessKeys&Version=2015-05-01&UserName=%s"
                .formatted(port, userName));
        HttpRequest request = HttpRequest.newBuilder(uri).GET().build();
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException("ListAccessKeys over plain HTTP failed", e);
        }
    }

    @Test
    void createdAccessKeySignsRequests() {
        String userName = unique("it-user");
        createUser(userName);
        CreateAccessKeyResponseBody.CreateAccessKeyResponseBodyAccessKey key = call(() -> ram().createAccessKey(
                new CreateAccessKeyRequest().setUserName(userName))).getBody().getAccessKey();

        // A RAM user may call no RAM action, so the 403 shows that the key authenticated as that user.
        SdkError error = failure(() -> RamClients.client(port, key.getAccessKeyId(), key.getAccessKeySecret(), false)
                .createUser(new CreateUserRequest().setUserName(unique("it-other"))));

        assertThat(error.code()).isEqualTo("NoPermission");
        assertThat(error.status()).isEqualTo(403);
        assertThat(error.getMessage()).contains("You are not authorized to do this action. Resource: acs:ram:*:"
                + ACCOUNT_ID + ":user/* Action: ram:CreateUser");
    }

    @Test
    void inactiveKeyCountsTowardLimit() {
        String userName = unique("it-user");
        createUser(userName);
        CreateAccessKeyResponseBody.CreateAccessKeyResponseBodyAccessKey first = call(() -> ram().createAccessKey(
                new CreateAccessKeyRequest().setUserName(userName))).getBody().getAccessKey();
        call(() -> ram().updateAccessKey(new UpdateAccessKeyRequest().setUserName(userName)
                .setUserAccessKeyId(first.getAccessKeyId()).setStatus("Inactive")));
        call(() -> ram().createAccessKey(new CreateAccessKeyRequest().setUserName(userName)));

        SdkError third = failure(() -> ram().createAccessKey(new CreateAccessKeyRequest().setUserName(userName)));
        SdkError inactive = failure(() -> new TeaKmsDriver(port, first.getAccessKeyId(), first.getAccessKeySecret(),
                false, DEFAULT_REGION).listKeys(1, 10));
        String status = call(() -> ram().listAccessKeys(new ListAccessKeysRequest().setUserName(userName))).getBody()
                .getAccessKeys().getAccessKey().get(0).getStatus();

        assertThat(third.code()).isEqualTo("LimitExceeded.User.AccessKey");
        assertThat(third.status()).isEqualTo(409);
        assertThat(inactive.code()).isEqualTo("InvalidAccessKeyId.Inactive");
        assertThat(status).isEqualTo("Inactive");
    }

    @Test
    void updateAccessKeyRejectsUnknownStatus() {
        String userName = unique("it-user");
        createUser(userName);
        String keyId = call(() -> ram().createAccessKey(new CreateAccessKeyRequest().setUserName(userName)))
                .getBody().getAccessKey().getAccessKeyId();

        SdkError error = failure(() -> ram().updateAccessKey(new UpdateAccessKeyRequest().setUserName(userName)
                .setUserAccessKeyId(keyId).setStatus("Disabled")));

        assertThat(error.code()).isEqualTo("InvalidParameter");
        assertThat(error.status()).isEqualTo(400);
    }

    @Test
    void otherUsersKeyIsNotFound() {
        String owner = unique("it-owner");
        String other = unique("it-other");
        createUser(owner);
        createUser(other);
        String keyId = call(() -> ram().createAccessKey(new CreateAccessKeyRequest().setUserName(owner)))
                .getBody().getAccessKey().getAccessKeyId();

        SdkError update = failure(() -> ram().updateAccessKey(new UpdateAccessKeyRequest().setUserName(other)
                .setUserAccessKeyId(keyId).setStatus("Inactive")));
        SdkError delete = failure(() -> ram().deleteAccessKey(new DeleteAccessKeyRequest().setUserName(other)
                .setUserAccessKeyId(keyId)));

        assertThat(update.code()).isEqualTo("EntityNotExist.User.AccessKey");
        assertThat(update.status()).isEqualTo(404);
        assertThat(delete.code()).isEqualTo("EntityNotExist.User.AccessKey");
    }

    @Test
    void rootMustNameUserForAccessKeys() {
        SdkError error = failure(() -> ram().createAccessKey(new CreateAccessKeyRequest()));

        assertThat(error.code()).isEqualTo("MissingParameter");
        assertThat(error.status()).isEqualTo(400);
    }

    @Test
    void deleteUserWithAccessKeyIsDeleteConflict() {
        String userName = unique("it-user");
        createUser(userName);
        String keyId = call(() -> ram().createAccessKey(new CreateAccessKeyRequest().setUserName(userName)))
                .getBody().getAccessKey().getAccessKeyId();

        SdkError conflict = failure(() -> ram().deleteUser(new DeleteUserRequest().setUserName(userName)));
        call(() -> ram().deleteAccessKey(new DeleteAccessKeyRequest().setUserName(userName)
                .setUserAccessKeyId(keyId)));
        call(() -> ram().deleteUser(new DeleteUserRequest().setUserName(userName)));

        assertThat(conflict.code()).isEqualTo("DeleteConflict.User.AccessKey");
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(failure(() -> ram().getUser(new GetUserRequest().setUserName(userName))).code())
                .isEqualTo("EntityNotExist.User");
    }

    @Test
    void createPolicyAndGetItsDefaultVersion() {
        String policyName = unique("it-policy");

        CreatePolicyResponseBody.CreatePolicyResponseBodyPolicy created = call(() -> ram().createPolicy(
                new CreatePolicyRequest().setPolicyName(policyName).setPolicyDocument(DOCUMENT)
                        .setDescription("List keys"))).getBody().getPolicy();
        GetPolicyResponseBody body = call(() -> ram().getPolicy(new GetPolicyRequest().setPolicyType("Custom")
                .setPolicyName(policyName))).getBody();

        assertThat(created.getPolicyType()).isEqualTo("Custom");
        assertThat(created.getDefaultVersion()).isEqualTo("v1");
        assertThat(created.getDescription()).isEqualTo("List keys");
        assertThat(body.getPolicy().getPolicyName()).isEqualTo(policyName);
        assertThat(body.getPolicy().getAttachmentCount()).isZero();
        assertThat(body.getDefaultPolicyVersion().getVersionId()).isEqualTo("v1");
        assertThat(body.getDefaultPolicyVersion().getIsDefaultVersion()).isTrue();
        assertThat(body.getDefaultPolicyVersion().getPolicyDocument()).isEqualTo(DOCUMENT);
    }

    @Test
    void getSystemPolicyReturnsBuiltInDocument() {
        GetPolicyResponseBody body = call(() -> ram().getPolicy(new GetPolicyRequest().setPolicyType("System")
                .setPolicyName("AliyunKMSFullAccess"))).getBody();

        assertThat(body.getPolicy().getPolicyType()).isEqualTo("System");
        assertThat(body.getDefaultPolicyVersion().getPolicyDocument()).contains("\"kms:*\"");
    }

    @ParameterizedTest
    @CsvSource({
            "Custom, AliyunKMSFullAccess, EntityNotExist.Policy, 404",
            "System, NoSuchSystemPolicy, EntityNotExist.Policy, 404",
            "Managed, AliyunKMSFullAccess, InvalidParameter.PolicyType, 400"})
    void getPolicyErrors(String type, String policyName, String code, int status) {
        SdkError error = failure(() -> ram().getPolicy(new GetPolicyRequest().setPolicyType(type)
                .setPolicyName(policyName)));

        assertThat(error.code()).isEqualTo(code);
        assertThat(error.status()).isEqualTo(status);
    }

    @ParameterizedTest
    @CsvSource({
            "'not json', MalformedPolicyDocument",
            "'{\"Version\": \"2\", \"Statement\": []}', MalformedPolicyDocument",
            "'{\"Version\": \"1\", \"Statement\": [{\"Effect\": \"Allow\", \"Resource\": \"*\"}]}', "
                    + "MalformedPolicyDocument"})
    void malformedPolicyDocumentIsRejected(String document, String code) {
        SdkError error = failure(() -> ram().createPolicy(new CreatePolicyRequest()
                .setPolicyName(unique("it-bad")).setPolicyDocument(document)));

        assertThat(error.code()).isEqualTo(code);
        assertThat(error.status()).isEqualTo(400);
    }

    static Stream<Arguments> invalidPolicyNames() {
        return Stream.of(
                Arguments.of("bad_name", "InvalidParameter.PolicyName.InvalidChars"),
                Arguments.of("bad name", "InvalidParameter.PolicyName.InvalidChars"),
                Arguments.of("a".repeat(129), "InvalidParameter.PolicyName.Length"));
    }

    @ParameterizedTest
    @MethodSource("invalidPolicyNames")
    void invalidPolicyNameIsRejected(String policyName, String code) {
        SdkError error = failure(() -> ram().createPolicy(new CreatePolicyRequest().setPolicyName(policyName)
                .setPolicyDocument(DOCUMENT)));

        assertThat(error.code()).isEqualTo(code);
        assertThat(error.status()).isEqualTo(400);
    }

    @Test
    void systemPolicyNameIsTaken() {
        SdkError error = failure(() -> ram().createPolicy(new CreatePolicyRequest()
                .setPolicyName("AdministratorAccess").setPolicyDocument(DOCUMENT)));

        assertThat(error.code()).isEqualTo("EntityAlreadyExists.Policy");
        assertThat(error.status()).isEqualTo(409);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void policyDocumentAtLengthLimitTravelsInQuery(boolean v1) {
        String document = documentOfLength(RamLimits.POLICY_DOCUMENT_LENGTH);
        String policyName = unique("it-long");
        Client client = RamClients.client(port, ROOT_ACCESS_KEY_ID, ROOT_SECRET, v1);

        call(() -> client.createPolicy(new CreatePolicyRequest().setPolicyName(policyName)
                .setPolicyDocument(document)));
        String stored = call(() -> client.getPolicy(new GetPolicyRequest().setPolicyType("Custom")
                .setPolicyName(policyName))).getBody().getDefaultPolicyVersion().getPolicyDocument();

        assertThat(stored).isEqualTo(document);
    }

    @Test
    void policyDocumentOverLengthLimitIsRejected() {
        String document = documentOfLength(RamLimits.POLICY_DOCUMENT_LENGTH + 1);

        SdkError error = failure(() -> ram().createPolicy(new CreatePolicyRequest()
                .setPolicyName(unique("it-long")).setPolicyDocument(document)));

        assertThat(error.code()).isEqualTo("InvalidParameter.PolicyDocument.Length");
        assertThat(error.status()).isEqualTo(400);
        assertThat(error.getMessage()).contains("it is 6145 characters long; the limit is 6144.");
    }

    /** Returns a valid policy of exactly {@code length} characters, with characters that need percent-encoding. */
    private static String documentOfLength(int length) {
        String head = "{\"Version\": \"1\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"kms:List*\", "
                + "\"Resource\": [";
        String tail = "]}]}";
        StringBuilder resources = new StringBuilder();
        int index = 0;
        while (head.length() + resources.length() + tail.length() < length) {
            String next = (index == 0 ? "" : ", ") + "\"acs:kms:cn-hangzhou:*:key/k%04d\"".formatted(index);
            if (head.length() + resources.length() + next.length() + tail.length() > length) {
                break;
            }
            resources.append(next);
            index++;
        }
        String document = head + resources + tail;
        // Pads with spaces, which JSON allows between tokens, up to the exact length.
        return document.substring(0, document.length() - tail.length())
                + " ".repeat(length - document.length()) + tail;
    }

    @Test
    void listPoliciesFiltersByTypeAndPages() {
        ListPoliciesResponseBody first = call(() -> ram().listPolicies(new ListPoliciesRequest()
                .setPolicyType("System").setMaxItems(4))).getBody();
        ListPoliciesResponseBody second = call(() -> ram().listPolicies(new ListPoliciesRequest()
                .setPolicyType("System").setMaxItems(4).setMarker(first.getMarker()))).getBody();

        List<String> names = new ArrayList<>();
        first.getPolicies().getPolicy().forEach(policy -> names.add(policy.getPolicyName()));
        second.getPolicies().getPolicy().forEach(policy -> names.add(policy.getPolicyName()));
        assertThat(first.getIsTruncated()).isTrue();
        assertThat(second.getIsTruncated()).isFalse();
        assertThat(names).containsExactly("AdministratorAccess", "AliyunKMSCryptoUserAccess", "AliyunKMSFullAccess",
                "AliyunKMSReadOnlyAccess", "AliyunRAMFullAccess", "AliyunRAMReadOnlyAccess");
    }

    @Test
    void listPoliciesShowsCustomPolicy() {
        String policyName = unique("it-policy");
        createPolicy(policyName, DOCUMENT);

        List<ListPoliciesResponseBody.ListPoliciesResponseBodyPoliciesPolicy> custom = call(() -> ram()
                .listPolicies(new ListPoliciesRequest().setPolicyType("Custom").setMaxItems(1000))).getBody()
                .getPolicies().getPolicy();

        assertThat(custom).extracting(ListPoliciesResponseBody.ListPoliciesResponseBodyPoliciesPolicy::getPolicyType)
                .containsOnly("Custom");
        assertThat(custom).extracting(ListPoliciesResponseBody.ListPoliciesResponseBodyPoliciesPolicy::getPolicyName)
                .contains(policyName);
    }

    @Test
    void attachListAndDetachPolicies() {
        String userName = unique("it-user");
        String policyName = unique("it-policy");
        createUser(userName);
        createPolicy(policyName, DOCUMENT);

        attach("Custom", policyName, userName);
        attach("System", "AliyunKMSReadOnlyAccess", userName);
        List<ListPoliciesForUserResponseBody.ListPoliciesForUserResponseBodyPoliciesPolicy> attached = call(() -> ram()
                .listPoliciesForUser(new ListPoliciesForUserRequest().setUserName(userName))).getBody().getPolicies()
                .getPolicy();
        Integer attachmentCount = call(() -> ram().getPolicy(new GetPolicyRequest().setPolicyType("Custom")
                .setPolicyName(policyName))).getBody().getPolicy().getAttachmentCount();
        call(() -> ram().detachPolicyFromUser(new DetachPolicyFromUserRequest().setPolicyType("Custom")
                .setPolicyName(policyName).setUserName(userName)));
        List<ListPoliciesForUserResponseBody.ListPoliciesForUserResponseBodyPoliciesPolicy> afterDetach = call(() ->
                ram().listPoliciesForUser(new ListPoliciesForUserRequest().setUserName(userName))).getBody()
                .getPolicies().getPolicy();

        assertThat(attached).extracting(policy -> policy.getPolicyType() + "/" + policy.getPolicyName())
                .containsExactlyInAnyOrder("Custom/" + policyName, "System/AliyunKMSReadOnlyAccess");
        assertThat(attached).allSatisfy(policy -> assertThat(policy.getAttachDate()).isNotNull());
        assertThat(attachmentCount).isEqualTo(1);
        assertThat(afterDetach).extracting(policy -> policy.getPolicyName())
                .containsExactly("AliyunKMSReadOnlyAccess");
    }

    @Test
    void attachErrors() {
        String userName = unique("it-user");
        String policyName = unique("it-policy");
        createUser(userName);
        createPolicy(policyName, DOCUMENT);
        attach("Custom", policyName, userName);

        SdkError twice = failure(() -> ram().attachPolicyToUser(new AttachPolicyToUserRequest()
                .setPolicyType("Custom").setPolicyName(policyName).setUserName(userName)));
        SdkError wrongType = failure(() -> ram().attachPolicyToUser(new AttachPolicyToUserRequest()
                .setPolicyType("System").setPolicyName(policyName).setUserName(userName)));
        SdkError noUser = failure(() -> ram().attachPolicyToUser(new AttachPolicyToUserRequest()
                .setPolicyType("Custom").setPolicyName(policyName).setUserName(unique("it-missing"))));
        SdkError notAttached = failure(() -> ram().detachPolicyFromUser(new DetachPolicyFromUserRequest()
                .setPolicyType("System").setPolicyName("AliyunKMSFullAccess").setUserName(userName)));

        assertThat(twice.code()).isEqualTo("EntityAlreadyExists.User.Policy");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(wrongType.code()).isEqualTo("EntityNotExist.Policy");
        assertThat(noUser.code()).isEqualTo("EntityNotExist.User");
        assertThat(notAttached.code()).isEqualTo("EntityNotExist.User.Policy");
        assertThat(notAttached.status()).isEqualTo(404);
    }

    @Test
    void customPoliciesPerUserAreLimited() {
        String userName = unique("it-user");
        createUser(userName);
        for (int i = 0; i < RamLimits.CUSTOM_POLICIES_PER_USER; i++) {
            String policyName = unique("it-quota");
            createPolicy(policyName, DOCUMENT);
            attach("Custom", policyName, userName);
        }
        String oneTooMany = unique("it-quota");
        createPolicy(oneTooMany, DOCUMENT);

        SdkError error = failure(() -> ram().attachPolicyToUser(new AttachPolicyToUserRequest()
                .setPolicyType("Custom").setPolicyName(oneTooMany).setUserName(userName)));

        assertThat(error.code()).isEqualTo("LimitExceeded.User.Policy");
        assertThat(error.status()).isEqualTo(409);
    }

    @Test
    void deleteConflictsWhilePolicyIsAttached() {
        String userName = unique("it-user");
        String policyName = unique("it-policy");
        createUser(userName);
        createPolicy(policyName, DOCUMENT);
        attach("Custom", policyName, userName);

        SdkError policyConflict = failure(() -> ram().deletePolicy(new DeletePolicyRequest()
                .setPolicyName(policyName)));
        SdkError userConflict = failure(() -> ram().deleteUser(new DeleteUserRequest().setUserName(userName)));
        call(() -> ram().detachPolicyFromUser(new DetachPolicyFromUserRequest().setPolicyType("Custom")
                .setPolicyName(policyName).setUserName(userName)));
        call(() -> ram().deletePolicy(new DeletePolicyRequest().setPolicyName(policyName)));
        call(() -> ram().deleteUser(new DeleteUserRequest().setUserName(userName)));

        assertThat(policyConflict.code()).isEqualTo("DeleteConflict.Policy.User");
        assertThat(policyConflict.status()).isEqualTo(409);
        assertThat(userConflict.code()).isEqualTo("DeleteConflict.User.Policy");
        assertThat(userConflict.status()).isEqualTo(409);
        assertThat(failure(() -> ram().getPolicy(new GetPolicyRequest().setPolicyType("Custom")
                .setPolicyName(policyName))).code()).isEqualTo("EntityNotExist.Policy");
    }

    @Test
    void ramUserIsDeniedEveryRamAction() {
        String userName = unique("it-user");
        createUser(userName);
        attach("System", "AdministratorAccess", userName);
        CreateAccessKeyResponseBody.CreateAccessKeyResponseBodyAccessKey key = call(() -> ram().createAccessKey(
                new CreateAccessKeyRequest().setUserName(userName))).getBody().getAccessKey();
        Client asUser = RamClients.client(port, key.getAccessKeyId(), key.getAccessKeySecret(), true);

        SdkError ownKeys = failure(() -> asUser.listAccessKeys(new ListAccessKeysRequest()));

        assertThat(ownKeys.code()).isEqualTo("NoPermission");
        assertThat(ownKeys.getMessage()).contains("Resource: acs:ram:*:" + ACCOUNT_ID + ":user/" + userName
                + " Action: ram:ListAccessKeys");
    }
}
