package dev.localkms.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.aliyun.ram20150501.models.AttachPolicyToUserRequest;
import com.aliyun.ram20150501.models.CreateAccessKeyRequest;
import com.aliyun.ram20150501.models.CreateAccessKeyResponseBody;
import com.aliyun.ram20150501.models.CreateUserRequest;
import com.aliyun.ram20150501.models.DeleteAccessKeyRequest;
import com.aliyun.ram20150501.models.GetUserRequest;
import com.aliyun.ram20150501.models.ListAccessKeysRequest;
import com.aliyun.ram20150501.models.UpdateAccessKeyRequest;
import com.aliyun.tea.TeaException;
import com.aliyuncs.http.MethodType;
import dev.localkms.ram.RamAccessKeyService;
import dev.localkms.sdk.RamClients;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import dev.localkms.support.SeededIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The console's session routes and its API route, over plain HTTP against the running service. */
@ExtendWith(OutputCaptureExtension.class)
class ConsoleSessionIT extends SeededIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String HEADER = "X-KMS-Console";

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private ConsoleSessions sessions;

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private RamAccessKeyService ramAccessKeys;

    @Test
    void signInSetsHardenedCookie() throws Exception {
        HttpResponse<String> reply = signIn(ROOT_ACCESS_KEY_ID, ROOT_SECRET, true);

        assertThat(reply.statusCode()).isEqualTo(200);
        String cookie = reply.headers().firstValue("set-cookie").orElseThrow();
        assertThat(cookie).startsWith("kms_console_session=")
                .contains("; Path=/_kms/console")
                .contains("; Max-Age=28800")
                .contains("; HttpOnly")
                .contains("; SameSite=Strict")
                .doesNotContain("Secure");
        JsonNode body = JSON.readTree(reply.body());
        assertThat(body.get("AccessKeyId").stringValue()).isEqualTo(ROOT_ACCESS_KEY_ID);
        assertThat(body.get("AccountId").stringValue()).isEqualTo(ACCOUNT_ID);
        assertThat(body.get("PrincipalType").stringValue()).isEqualTo("RootUser");
        assertThat(body.get("DefaultRegionId").stringValue()).isEqualTo(DEFAULT_REGION);
        assertThat(reply.body()).doesNotContain(ROOT_SECRET);
        assertThat(reply.headers().firstValue("cache-control")).contains("no-store");
    }

    @Test
    void sessionStoresOnlyTokenHash() throws Exception {
        String token = token(signIn(ROOT_ACCESS_KEY_ID, ROOT_SECRET, true));

        assertThat(jdbc.queryForObject("select count(*) from console_session where token_hash = ?", Integer.class,
                token)).isZero();
        assertThat(jdbc.queryForObject("select access_key_id from console_session where token_hash = ?",
                String.class, sha256(token))).isEqualTo(ROOT_ACCESS_KEY_ID);
    }

    @Test
    void wrongSecretIsRejected() throws Exception {
        String wrongSecret = "Wrong" + ROOT_SECRET;

        HttpResponse<String> reply = signIn(ROOT_ACCESS_KEY_ID, wrongSecret, true);

        assertError(reply, 400, "InvalidAccessKeySecret");
        assertThat(reply.body()).contains(ROOT_ACCESS_KEY_ID).doesNotContain(wrongSecret).doesNotContain(ROOT_SECRET);
        assertThat(reply.headers().firstValue("set-cookie")).isEmpty();
    }

    @Test
    void unknownAccessKeyIsRejected() throws Exception {
        HttpResponse<String> reply = signIn("LTAIUnknownConsoleKey001", ROOT_SECRET, true);
        HttpResponse<String> secretAsId = signIn(ROOT_SECRET, ROOT_SECRET, true);

        assertError(reply, 404, "InvalidAccessKeyId.NotFound");
        assertError(secretAsId, 404, "InvalidAccessKeyId.NotFound");
        assertThat(secretAsId.body()).doesNotContain(ROOT_SECRET);
        assertThat(reply.headers().firstValue("set-cookie")).isEmpty();
    }

    @Test
    void disabledKeyCannotSignIn() throws Exception {
        HttpResponse<String> reply = signIn(INACTIVE_KEY_USER.accessKeyId(), INACTIVE_KEY_USER.secret(), true);

        assertError(reply, 400, "InvalidAccessKeyId.Inactive");
        assertThat(reply.headers().firstValue("set-cookie")).isEmpty();
    }

    @Test
    void disablingKeyEndsSessionsForGood() throws Exception {
        com.aliyun.ram20150501.Client ram = RamClients.client(port, ROOT_ACCESS_KEY_ID, ROOT_SECRET, false);
        String userName = "console-" + UUID.randomUUID().toString().substring(0, 8);
        CreateAccessKeyResponseBody.CreateAccessKeyResponseBodyAccessKey key = readerWithKey(ram, userName);
        String token = token(signIn(key.getAccessKeyId(), key.getAccessKeySecret(), true));
        assertThat(call(token, true, "Action=ListKeys").statusCode()).isEqualTo(200);

        ram.updateAccessKey(new UpdateAccessKeyRequest().setUserName(userName)
                .setUserAccessKeyId(key.getAccessKeyId()).setStatus("Inactive"));

        assertThat(sessionCount(key.getAccessKeyId())).isZero();
        assertError(call(token, true, "Action=ListKeys"), 401, "Console.SessionRequired");

        ram.updateAccessKey(new UpdateAccessKeyRequest().setUserName(userName)
                .setUserAccessKeyId(key.getAccessKeyId()).setStatus("Active"));

        assertError(call(token, true, "Action=ListKeys"), 401, "Console.SessionRequired");
        assertError(send(HttpRequest.newBuilder(uri("/_kms/console/session")).header(HEADER, "1")
                .header("Cookie", "kms_console_session=" + token).GET()), 401, "Console.SessionRequired");
        assertThat(call(token(signIn(key.getAccessKeyId(), key.getAccessKeySecret(), true)), true,
                "Action=ListKeys").statusCode()).isEqualTo(200);
    }

    @Test
    void keyFoundInactiveEndsSession() throws Exception {
        com.aliyun.ram20150501.Client ram = RamClients.client(port, ROOT_ACCESS_KEY_ID, ROOT_SECRET, false);
        String userName = "console-" + UUID.randomUUID().toString().substring(0, 8);
        CreateAccessKeyResponseBody.CreateAccessKeyResponseBodyAccessKey key = readerWithKey(ram, userName);
        String token = token(signIn(key.getAccessKeyId(), key.getAccessKeySecret(), true));
        // A change made in the database itself, which no RAM API call announces.
        jdbc.update("update access_key set status = 'Inactive' where id = ?", key.getAccessKeyId());

        assertError(call(token, true, "Action=ListKeys"), 400, "InvalidAccessKeyId.Inactive");
        assertThat(sessionCount(key.getAccessKeyId())).isZero();

        jdbc.update("update access_key set status = 'Active' where id = ?", key.getAccessKeyId());

        assertError(call(token, true, "Action=ListKeys"), 401, "Console.SessionRequired");
    }

    @Test
    void seedDisablingKeyEndsSessions() throws Exception {
        com.aliyun.ram20150501.Client ram = RamClients.client(port, ROOT_ACCESS_KEY_ID, ROOT_SECRET, false);
        String userName = "console-" + UUID.randomUUID().toString().substring(0, 8);
        CreateAccessKeyResponseBody.CreateAccessKeyResponseBodyAccessKey key = readerWithKey(ram, userName);
        String token = token(signIn(key.getAccessKeyId(), key.getAccessKeySecret(), true));

        ramAccessKeys.ensureAccessKey(ACCOUNT_ID, userName, key.getAccessKeyId(), key.getAccessKeySecret(), false);
        ramAccessKeys.ensureAccessKey(ACCOUNT_ID, userName, key.getAccessKeyId(), key.getAccessKeySecret(), true);

        assertThat(sessionCount(key.getAccessKeyId())).isZero();
        assertError(call(token, true, "Action=ListKeys"), 401, "Console.SessionRequired");
    }

    @Test
    void deletingKeyEndsSessions() throws Exception {
        com.aliyun.ram20150501.Client ram = RamClients.client(port, ROOT_ACCESS_KEY_ID, ROOT_SECRET, false);
        String userName = "console-" + UUID.randomUUID().toString().substring(0, 8);
        CreateAccessKeyResponseBody.CreateAccessKeyResponseBodyAccessKey key = readerWithKey(ram, userName);
        String token = token(signIn(key.getAccessKeyId(), key.getAccessKeySecret(), true));

        ram.deleteAccessKey(new DeleteAccessKeyRequest().setUserName(userName)
                .setUserAccessKeyId(key.getAccessKeyId()));

        assertThat(sessionCount(key.getAccessKeyId())).isZero();
        assertError(call(token, true, "Action=ListKeys"), 401, "Console.SessionRequired");
    }

    @Test
    void expiredSessionIsRejected() throws Exception {
        String token = token(signIn(ROOT_ACCESS_KEY_ID, ROOT_SECRET, true));
        assertThat(call(token, true, "Action=ListKeys").statusCode()).isEqualTo(200);

        clock.advance(Duration.ofHours(8).plusSeconds(1));

        assertError(call(token, true, "Action=ListKeys"), 401, "Console.SessionRequired");
        sessions.purgeExpired();
        assertThat(jdbc.queryForObject("select count(*) from console_session where token_hash = ?", Integer.class,
                sha256(token))).isZero();
    }

    @Test
    void missingHeaderIsRejected() throws Exception {
        String region = uniqueRegion();
        HttpResponse<String> signInWithoutHeader = signIn(ROOT_ACCESS_KEY_ID, ROOT_SECRET, false);
        String token = token(signIn(ROOT_ACCESS_KEY_ID, ROOT_SECRET, true));

        HttpResponse<String> callWithoutHeader = call(token, false, "Action=CreateKey&RegionId=" + region);
        HttpResponse<String> signOutWithoutHeader = send(HttpRequest.newBuilder(uri("/_kms/console/session"))
                .header("Cookie", "kms_console_session=" + token).DELETE());

        assertError(signInWithoutHeader, 403, "Console.MissingHeader");
        assertThat(signInWithoutHeader.headers().firstValue("set-cookie")).isEmpty();
        assertError(callWithoutHeader, 403, "Console.MissingHeader");
        assertError(signOutWithoutHeader, 403, "Console.MissingHeader");
        assertThat(pop(region, MethodType.POST).listKeys(1, 10).totalCount()).isZero();
        assertThat(call(token, true, "Action=ListKeys").statusCode()).isEqualTo(200);
    }

    @Test
    void callWithoutSessionIsRejected() throws Exception {
        assertError(send(HttpRequest.newBuilder(uri("/_kms/console/api")).header(HEADER, "1")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("Action=ListKeys"))), 401, "Console.SessionRequired");
        assertError(call("not-a-session-token", true, "Action=ListKeys"), 401, "Console.SessionRequired");
        assertError(send(HttpRequest.newBuilder(uri("/_kms/console/session")).header(HEADER, "1").GET()), 401,
                "Console.SessionRequired");
    }

    @Test
    void signOutEndsSession() throws Exception {
        String token = token(signIn(ROOT_ACCESS_KEY_ID, ROOT_SECRET, true));

        HttpResponse<String> signOut = send(HttpRequest.newBuilder(uri("/_kms/console/session")).header(HEADER, "1")
                .header("Cookie", "kms_console_session=" + token).DELETE());

        assertThat(signOut.statusCode()).isEqualTo(200);
        assertThat(signOut.headers().firstValue("set-cookie").orElseThrow())
                .startsWith("kms_console_session=;").contains("Max-Age=0");
        assertThat(jdbc.queryForObject("select count(*) from console_session where token_hash = ?", Integer.class,
                sha256(token))).isZero();
        assertError(call(token, true, "Action=ListKeys"), 401, "Console.SessionRequired");
    }

    @Test
    void callsRunInRequestedRegion() throws Exception {
        String region = uniqueRegion();
        String token = token(signIn(ROOT_ACCESS_KEY_ID, ROOT_SECRET, true));

        HttpResponse<String> created = call(token, true, "Action=CreateKey&Description=console&RegionId=" + region);

        assertThat(created.statusCode()).isEqualTo(200);
        String keyId = JSON.readTree(created.body()).get("KeyMetadata").get("KeyId").stringValue();
        assertThat(pop(region, MethodType.POST).listKeys(1, 10).keyIds()).containsExactly(keyId);
        assertThat(JSON.readTree(created.body()).get("KeyMetadata").get("Creator").stringValue())
                .isEqualTo(ACCOUNT_ID);
    }

    @Test
    void callsAreCountedAsApiRequests() throws Exception {
        String token = token(signIn(ROOT_ACCESS_KEY_ID, ROOT_SECRET, true));
        double before = requestCount("DescribeKey", "Forbidden.KeyNotFound");

        HttpResponse<String> reply = call(token, true, "Action=DescribeKey&KeyId=00000000-0000-4000-8000-00000000c0de");

        assertError(reply, 404, "Forbidden.KeyNotFound");
        // The filter records the request after the reply is written, so the count may lag a little.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (requestCount("DescribeKey", "Forbidden.KeyNotFound") < before + 1 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(requestCount("DescribeKey", "Forbidden.KeyNotFound")).isEqualTo(before + 1);
    }

    @Test
    void actionsOutsideConsoleAreRejected() throws Exception {
        String userName = "console-" + UUID.randomUUID().toString().substring(0, 8);
        String token = token(signIn(ROOT_ACCESS_KEY_ID, ROOT_SECRET, true));
        com.aliyun.ram20150501.Client ram = RamClients.client(port, ROOT_ACCESS_KEY_ID, ROOT_SECRET, false);

        HttpResponse<String> createUser = call(token, true, "Action=CreateUser&Version=2015-05-01&UserName=" + userName);
        HttpResponse<String> createAccessKey = call(token, true,
                "Action=CreateAccessKey&Version=2015-05-01&UserName=" + KMS_READER.name());
        HttpResponse<String> encrypt = call(token, true,
                "Action=Encrypt&KeyId=" + KEY_ORIGINAL + "&Plaintext=console");
        HttpResponse<String> unknown = call(token, true, "Action=NoSuchAction");

        assertError(createUser, 400, "UnsupportedOperation");
        assertThat(JSON.readTree(createUser.body()).get("Message").stringValue())
                .contains("\"CreateUser\"").contains("Ram 2015-05-01").contains("ListAliasesByKeyId");
        assertError(createAccessKey, 400, "UnsupportedOperation");
        assertThat(createAccessKey.body()).doesNotContain("AccessKeySecret");
        assertError(encrypt, 400, "UnsupportedOperation");
        assertThat(encrypt.body()).doesNotContain("CiphertextBlob");
        assertError(unknown, 404, "InvalidAction.NotFound");
        assertThatThrownBy(() -> ram.getUser(new GetUserRequest().setUserName(userName)))
                .isInstanceOfSatisfying(TeaException.class,
                        e -> assertThat(e.getCode()).isEqualTo("EntityNotExist.User"));
        assertThat(ram.listAccessKeys(new ListAccessKeysRequest().setUserName(KMS_READER.name())).getBody()
                .getAccessKeys().getAccessKey()).hasSize(1);
    }

    @Test
    void callsFollowRamPolicies() throws Exception {
        String aliasName = uniqueAlias("console-denied");
        String token = token(signIn(KMS_READER.accessKeyId(), KMS_READER.secret(), true));
        String createAlias = "Action=CreateAlias&KeyId=" + KEY_ORIGINAL + "&AliasName=" + aliasName;

        HttpResponse<String> listed = call(token, true, "Action=ListAliases&RegionId=" + DEFAULT_REGION);
        HttpResponse<String> denied = call(token, true, createAlias);
        // Unsigned, in lenient mode, the RPC endpoint runs a call as the owner of the AccessKeyId it names.
        HttpResponse<String> deniedByApi = send(HttpRequest.newBuilder(uri("/?" + createAlias + "&AccessKeyId="
                + KMS_READER.accessKeyId())).GET());

        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains(ALIAS_SEEDED_A);
        assertError(denied, 403, "Forbidden.NoPermission");
        JsonNode consoleError = JSON.readTree(denied.body());
        JsonNode apiError = JSON.readTree(deniedByApi.body());
        assertThat(consoleError.get("Message")).isEqualTo(apiError.get("Message"));
        assertThat(consoleError.get("AccessDeniedDetail")).isEqualTo(apiError.get("AccessDeniedDetail"));
        assertThat(consoleError.get("AccessDeniedDetail").get("AuthPrincipalDisplayName").stringValue())
                .isEqualTo(KMS_READER.name());
    }

    @Test
    void malformedSignInIsRejected() throws Exception {
        String secret = "MalformedSignInSecret0000000001";
        List<HttpResponse<String>> replies = new ArrayList<>();

        replies.add(signInWithBody("{\"AccessKeyId\": \"" + ROOT_ACCESS_KEY_ID + "\", \"AccessKeySecret\": \""
                + secret));
        replies.add(signInWithBody("[\"" + secret + "\"]"));
        replies.add(signInWithBody("{\"AccessKeyId\": \"" + ROOT_ACCESS_KEY_ID + "\"}"));
        replies.add(signInWithBody("{\"AccessKeyId\": \"" + ROOT_ACCESS_KEY_ID + "\", \"AccessKeySecret\": 42}"));
        replies.add(send(HttpRequest.newBuilder(uri("/_kms/console/session?AccessKeyId=" + ROOT_ACCESS_KEY_ID
                + "&AccessKeySecret=" + secret)).header(HEADER, "1").POST(HttpRequest.BodyPublishers.noBody())));
        replies.add(signInWithBody("x".repeat(SignInRequestReader.MAX_BODY_BYTES + 1)));

        assertError(replies.get(0), 400, "InvalidParameter");
        assertError(replies.get(1), 400, "InvalidParameter");
        assertError(replies.get(2), 400, "MissingParameter");
        assertThat(replies.get(2).body()).contains("AccessKeySecret");
        assertError(replies.get(3), 400, "InvalidParameter");
        assertError(replies.get(4), 400, "InvalidParameter");
        assertThat(replies.get(4).body()).contains("never in the URL");
        assertError(replies.get(5), 400, "InvalidParameter");
        assertThat(replies).allSatisfy(reply -> assertThat(reply.body()).doesNotContain(secret));
    }

    @Test
    void secretAndTokenNeverLogged(CapturedOutput output) throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger("dev.localkms");
        Level level = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        String wrongSecret = "WrongConsoleSecret000000000001";
        String token;
        try {
            token = token(signIn(ROOT_ACCESS_KEY_ID, ROOT_SECRET, true));
            call(token, true, "Action=CreateAlias&KeyId=" + KEY_ORIGINAL + "&AliasName=alias/acs-reserved");
            signIn(ROOT_ACCESS_KEY_ID, wrongSecret, true);
            signIn(wrongSecret, wrongSecret, true);
            signInWithBody("{\"AccessKeyId\": \"" + ROOT_ACCESS_KEY_ID + "\", \"AccessKeySecret\": \"" + wrongSecret);
            send(HttpRequest.newBuilder(uri("/_kms/console/session?AccessKeySecret=" + wrongSecret)).header(HEADER, "1")
                    .POST(HttpRequest.BodyPublishers.noBody()));
            send(HttpRequest.newBuilder(uri("/_kms/console/session")).header(HEADER, "1")
                    .header("Cookie", "kms_console_session=" + token).DELETE());
        } finally {
            logger.setLevel(level);
        }

        assertThat(output.getAll()).contains("Console session started for access key " + ROOT_ACCESS_KEY_ID);
        assertThat(output.getAll()).doesNotContain(ROOT_SECRET).doesNotContain(wrongSecret).doesNotContain(token)
                .doesNotContain(sha256(token));
    }

    @Test
    void pageIsServedWithSecurityHeaders() throws Exception {
        HttpResponse<String> page = send(HttpRequest.newBuilder(uri("/_kms/console")).GET());
        HttpResponse<String> script = send(HttpRequest.newBuilder(uri("/_kms/console/assets/console.js")).GET());
        HttpResponse<String> missing = send(HttpRequest.newBuilder(uri("/_kms/console/assets/missing.js")).GET());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type")).contains("text/html;charset=utf-8");
        assertThat(page.headers().firstValue("content-security-policy"))
                .contains(ConsoleWebConfiguration.CONTENT_SECURITY_POLICY);
        assertThat(page.headers().firstValue("x-content-type-options")).contains("nosniff");
        assertThat(page.body()).contains("<script src=\"/_kms/console/assets/console.js\" defer></script>");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).contains("/_kms/console/api");
        assertError(missing, 404, "InvalidAction.NotFound");
    }

    private HttpResponse<String> signIn(String accessKeyId, String secret, boolean withHeader) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/_kms/console/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("AccessKeyId", accessKeyId, "AccessKeySecret", secret))));
        if (withHeader) {
            request.header(HEADER, "1");
        }
        return send(request);
    }

    private HttpResponse<String> signInWithBody(String body) throws Exception {
        return send(HttpRequest.newBuilder(uri("/_kms/console/session")).header(HEADER, "1")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> call(String token, boolean withHeader, String form) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/_kms/console/api"))
                .header("Cookie", "kms_console_session=" + token)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (withHeader) {
            request.header(HEADER, "1");
        }
        return send(request);
    }

    /** Creates a RAM user with AliyunKMSReadOnlyAccess and one access key, and returns the key pair. */
    private static CreateAccessKeyResponseBody.CreateAccessKeyResponseBodyAccessKey readerWithKey(
            com.aliyun.ram20150501.Client ram, String userName) throws Exception {
        ram.createUser(new CreateUserRequest().setUserName(userName));
        ram.attachPolicyToUser(new AttachPolicyToUserRequest().setPolicyType("System")
                .setPolicyName("AliyunKMSReadOnlyAccess").setUserName(userName));
        return ram.createAccessKey(new CreateAccessKeyRequest().setUserName(userName)).getBody().getAccessKey();
    }

    private int sessionCount(String accessKeyId) {
        return jdbc.queryForObject("select count(*) from console_session where access_key_id = ?", Integer.class,
                accessKeyId);
    }

    private double requestCount(String action, String code) {
        Timer timer = meters.find("kms.requests").tag("action", action).tag("code", code).timer();
        return timer == null ? 0 : timer.count();
    }

    private static String token(HttpResponse<String> signIn) {
        assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(200);
        Optional<String> cookie = signIn.headers().firstValue("set-cookie");
        String value = cookie.orElseThrow().split(";", 2)[0];
        return value.substring(value.indexOf('=') + 1);
    }

    private static void assertError(HttpResponse<String> reply, int status, String code) {
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(status);
        assertThat(JSON.readTree(reply.body()).get("Code").stringValue()).isEqualTo(code);
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
