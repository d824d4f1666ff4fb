package dev.localkms.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import dev.localkms.cli.KmsCli.Result;
import dev.localkms.support.IntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;

/**
 * Runs {@code bin/kms} against the running service: in lenient mode (the shared test context) and in
 * strict mode (a second context, closed after its tests). Skipped when curl or openssl is missing.
 */
class KmsCliIT extends IntegrationTest {

    /**
     * Every {@code aliyun kms} command of Alibaba Cloud's alias guide, verbatim and in the guide's order:
     * create an alias, bind it to a different key, list the aliases, list the aliases of a key, delete
     * the alias. Source: the "Manage aliases" topics of the KMS documentation in
     * https://github.com/AlibabaCloudDocs/kms/tree/master/intl.en-US/Key%20service/Manage%20aliases
     * (Create an alias, Bind an alias to a different CMK, Query aliases, Query aliases bound to a specified
     * CMK, Delete an alias). Alibaba's current page on the topic is
     * https://www.alibabacloud.com/help/en/kms/key-management-service/user-guide/manage-a-key-alias.
     */
    private static final List<String> GUIDE_COMMANDS = List.of(
            "aliyun kms CreateAlias --KeyId 08ec3bb9-034f-485b-b1cd-3459baa8**** --AliasName alias/example",
            "aliyun kms UpdateAlias --AliasName alias/example --KeyId 127d2f84-ee5f-4f4d-9d41-dbc1aca2****",
            "aliyun kms ListAliases",
            "aliyun kms ListAliasesByKeyId --KeyId 127d2f84-ee5f-4f4d-9d41-dbc1aca2****",
            "aliyun kms DeleteAlias --AliasName alias/example");
    private static final String GUIDE_FIRST_KEY = "08ec3bb9-034f-485b-b1cd-3459baa8****";
    private static final String GUIDE_SECOND_KEY = "127d2f84-ee5f-4f4d-9d41-dbc1aca2****";

    @BeforeAll
    static void requireCurlAndOpenssl() {
        assumeTrue(KmsCli.installed("curl"), "bin/kms needs curl");
        assumeTrue(KmsCli.installed("openssl"), "bin/kms needs openssl");
    }

    @Test
    void aliasActionsWork() {
        checkAliasActions(cli(port));
    }

    @Test
    void guideCommandsWork() {
        checkGuideCommands(cli(port));
    }

    @Test
    void unusualCharactersAreSigned() {
        checkUnusualCharacters(cli(port));
    }

    @ParameterizedTest(name = "KMS_JQ={0}")
    @ValueSource(strings = {"jq", ""})
    void errorReplyShowsCode(String jqCommand) {
        String aliasName = uniqueAlias("cli-missing");

        Result result = cli(port).withEnvironment("KMS_JQ", jqCommand).run("DeleteAlias", "--AliasName", aliasName);

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).contains("failed with HTTP status 404");
        assertThat(result.stderr()).contains("Code: Forbidden.AliasNotFound");
        assertThat(result.stderr()).contains("Message: The specified Alias is not found: \"" + aliasName + "\"");
        assertThat(result.stderr()).containsPattern("RequestId: [0-9A-F-]{36}");
    }

    @Test
    void replyWithoutJqIsRawJson() {
        Result result = cli(port).withEnvironment("KMS_JQ", "").run("ListAliases", "--RegionId", uniqueRegion());

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.stdout()).startsWith("{\"RequestId\":");
        assertThat(result.json().path("TotalCount").asInt()).isZero();
    }

    @Test
    void regionFlagOverridesEnvironment() {
        String environmentRegion = uniqueRegion();
        String flagRegion = uniqueRegion();
        KmsCli cli = cli(port, environmentRegion);

        String fromEnvironment = cli.run("CreateKey").json().path("KeyMetadata").path("Arn").asString();
        String fromRegionId = cli.run("CreateKey", "--RegionId", flagRegion).json().path("KeyMetadata").path("Arn")
                .asString();
        String fromRegion = cli.run("CreateKey", "--region", flagRegion).json().path("KeyMetadata").path("Arn")
                .asString();

        assertThat(fromEnvironment).startsWith("acs:kms:" + environmentRegion + ":" + ACCOUNT_ID + ":key/");
        assertThat(fromRegionId).startsWith("acs:kms:" + flagRegion + ":" + ACCOUNT_ID + ":key/");
        assertThat(fromRegion).startsWith("acs:kms:" + flagRegion + ":" + ACCOUNT_ID + ":key/");
    }

    @Test
    void productWordIsSkipped() {
        Result kms = cli(port).run("kms", "ListKeys");
        Result ram = cli(port).run("ram", "NoSuchRamAction");

        assertThat(kms.exitCode()).as(kms.describe()).isZero();
        assertThat(kms.json().path("Keys").isObject()).as(kms.describe()).isTrue();
        assertThat(ram.exitCode()).as(ram.describe()).isEqualTo(1);
        assertThat(ram.stderr()).contains("Code: InvalidAction.NotFound");
        assertThat(ram.stderr()).contains("is not an API of Ram 2015-05-01");
    }

    @Test
    void unsignedCurlIsAccepted() {
        Result result = KmsCli.execute(List.of("curl", "--silent", "--show-error", "--write-out", "\n%{http_code}",
                "http://127.0.0.1:" + port + "/?Action=ListAliases&Version=2016-01-20"), Map.of());

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.stdout()).contains("\"TotalCount\":");
        assertThat(result.stdout()).endsWith("\n200");
    }

    @Test
    void helpPrintsUsage() {
        Result result = cli(port).run("--help");

        assertThat(Files.isExecutable(KmsCli.SCRIPT)).as("bin/kms is executable").isTrue();
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).startsWith("Usage: bin/kms");
        assertThat(result.stdout()).contains("KMS_ACCESS_KEY_SECRET");
    }

    static Stream<List<String>> usageErrors() {
        return Stream.of(
                List.of(),
                List.of("--KeyId", "key"),
                List.of("Create-Alias"),
                List.of("CreateAlias", "KeyId"),
                List.of("CreateAlias", "--KeyId"),
                List.of("ListAliases", "--Signature", "forged"),
                List.of("ListAliases", "--Page Size", "1"));
    }

    @ParameterizedTest
    @MethodSource("usageErrors")
    void usageErrorExitsWithTwo(List<String> arguments) {
        Result result = cli(port).run(arguments);

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(2);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).contains("bin/kms --help");
    }

    @Test
    void unreachableServiceExitsWithThree() {
        Result result = KmsCli.forService(1, DEFAULT_REGION).run("ListAliases");

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(3);
        assertThat(result.stderr()).contains("no reply from http://127.0.0.1:1");
    }

    /** The same checks against a second service that accepts only signed requests and logs each one. */
    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {"kms.auth-mode=strict", "kms.request-log=true"})
    @DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
    @ExtendWith(OutputCaptureExtension.class)
    class StrictMode {

        @LocalServerPort
        int strictPort;

        @Test
        void aliasActionsWork() {
            checkAliasActions(cli(strictPort));
        }

        @Test
        void guideCommandsWork() {
            checkGuideCommands(cli(strictPort));
        }

        @Test
        void unusualCharactersAreSigned() {
            checkUnusualCharacters(cli(strictPort));
        }

        @Test
        void unsignedCurlIsRejected() {
            Result result = KmsCli.execute(List.of("curl", "--silent", "--show-error", "--write-out", "\n%{http_code}",
                    "http://127.0.0.1:" + strictPort + "/?Action=ListAliases&Version=2016-01-20"), Map.of());

            assertThat(result.exitCode()).as(result.describe()).isZero();
            assertThat(result.stdout()).contains("\"Code\":\"IncompleteSignature\"");
            assertThat(result.stdout()).endsWith("\n400");
        }

        @Test
        void signedCallIsAccepted() {
            Result result = cli(strictPort).run("ListAliases");

            assertThat(result.exitCode()).as(result.describe()).isZero();
            assertThat(result.json().path("RequestId").asString()).isNotEmpty();
        }

        @Test
        void wrongSecretIsRejected() {
            KmsCli wrongSecret = cli(strictPort).withEnvironment("KMS_ACCESS_KEY_SECRET", "NotTheRootSecret");

            Result result = wrongSecret.run("ListKeys");

            assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
            assertThat(result.stderr()).contains("Code: SignatureDoesNotMatch");
        }

        @Test
        void requestLogNamesSignedCaller(CapturedOutput output) {
            Result result = cli(strictPort).run("ListKeys");
            String requestId = result.json().path("RequestId").asString();

            String line = requestLogLine(output, requestId);
            assertThat(line).contains("dev.localkms.requests");
            assertThat(line).contains("action=ListKeys product=Kms");
            assertThat(line).contains("principal=root@" + ACCOUNT_ID + " accessKeyId=" + ROOT_ACCESS_KEY_ID);
            assertThat(line).contains("signed=true via=api region=" + DEFAULT_REGION + " status=200 code=- durationMs=");
            assertThat(output.getAll()).doesNotContain(ROOT_SECRET);
        }

        @Test
        void requestLogNamesErrorCode(CapturedOutput output) {
            Result result = cli(strictPort).run("DescribeKey", "--KeyId", UUID.randomUUID().toString());
            String requestId = result.stderr().replaceAll("(?s).*RequestId: ([0-9A-F-]{36}).*", "$1");

            String line = requestLogLine(output, requestId);
            assertThat(line).contains("action=DescribeKey");
            assertThat(line).contains("status=404 code=Forbidden.KeyNotFound ");
        }
    }

    /**
     * Returns the request log line of a request. The line is written after the reply is sent, so it may
     * appear a moment after bin/kms exits.
     */
    private static String requestLogLine(CapturedOutput output, String requestId) {
        String marker = "requestId=" + requestId;
        return await().atMost(Duration.ofSeconds(10))
                .until(() -> output.getOut().lines().filter(line -> line.contains(marker)).findFirst(),
                        Optional::isPresent)
                .orElseThrow();
    }

    private static KmsCli cli(int port) {
        return cli(port, DEFAULT_REGION);
    }

    private static KmsCli cli(int port, String region) {
        return KmsCli.forService(port, region);
    }

    /** Runs the alias actions and the key actions they need, and checks each effect in later replies. */
    private static void checkAliasActions(KmsCli defaultRegionCli) {
        KmsCli cli = defaultRegionCli.withEnvironment("KMS_REGION", uniqueRegion());
        String aliasName = uniqueAlias("cli");

        String firstKey = succeeded(cli.run("CreateKey", "--Description", "first key")).path("KeyMetadata")
                .path("KeyId").asString();
        String secondKey = succeeded(cli.run("CreateKey")).path("KeyMetadata").path("KeyId").asString();
        JsonNode described = succeeded(cli.run("DescribeKey", "--KeyId", firstKey)).path("KeyMetadata");
        JsonNode created = succeeded(cli.run("CreateAlias", "--KeyId", firstKey, "--AliasName", aliasName));
        JsonNode byAlias = succeeded(cli.run("DescribeKey", "--KeyId", aliasName)).path("KeyMetadata");
        JsonNode firstKeyAliases = succeeded(cli.run("ListAliasesByKeyId", "--KeyId", firstKey));
        succeeded(cli.run("UpdateAlias", "--KeyId", secondKey, "--AliasName", aliasName));
        JsonNode secondKeyAliases = succeeded(cli.run("ListAliasesByKeyId", "--KeyId", secondKey));
        JsonNode firstKeyAfterUpdate = succeeded(cli.run("ListAliasesByKeyId", "--KeyId", firstKey));
        JsonNode listed = succeeded(cli.run("ListAliases", "--PageNumber", "1", "--PageSize", "10"));
        succeeded(cli.run("DeleteAlias", "--AliasName", aliasName));
        JsonNode afterDelete = succeeded(cli.run("ListAliases"));

        assertThat(described.path("KeyId").asString()).isEqualTo(firstKey);
        assertThat(described.path("Description").asString()).isEqualTo("first key");
        assertThat(described.path("KeyState").asString()).isEqualTo("Enabled");
        assertThat(created.path("RequestId").asString()).isNotEmpty();
        assertThat(byAlias.path("KeyId").asString()).isEqualTo(firstKey);
        assertThat(aliasNames(firstKeyAliases)).containsExactly(aliasName);
        assertThat(aliasNames(secondKeyAliases)).containsExactly(aliasName);
        assertThat(aliasNames(firstKeyAfterUpdate)).isEmpty();
        assertThat(listed.path("TotalCount").asInt()).isEqualTo(1);
        assertThat(listed.path("PageSize").asInt()).isEqualTo(10);
        assertThat(listed.path("Aliases").path("Alias").path(0).path("KeyId").asString()).isEqualTo(secondKey);
        assertThat(aliasNames(listed)).containsExactly(aliasName);
        assertThat(afterDelete.path("TotalCount").asInt()).isZero();
    }

    /**
     * Runs the guide's commands with {@code aliyun kms} replaced by {@code bin/kms} and the guide's
     * example key IDs replaced by two new keys. A region of their own keeps {@code alias/example} apart
     * from other tests.
     */
    private static void checkGuideCommands(KmsCli defaultRegionCli) {
        KmsCli cli = defaultRegionCli.withEnvironment("KMS_REGION", uniqueRegion());
        String firstKey = succeeded(cli.run("CreateKey")).path("KeyMetadata").path("KeyId").asString();
        String secondKey = succeeded(cli.run("CreateKey")).path("KeyMetadata").path("KeyId").asString();

        List<JsonNode> replies = new ArrayList<>();
        for (String guideCommand : GUIDE_COMMANDS) {
            String command = guideCommand.replace(GUIDE_FIRST_KEY, firstKey).replace(GUIDE_SECOND_KEY, secondKey);
            assertThat(command).startsWith("aliyun kms ");
            List<String> arguments = Arrays.asList(command.substring("aliyun kms ".length()).split(" "));
            replies.add(succeeded(cli.run(arguments)));
        }
        JsonNode afterGuide = succeeded(cli.run("ListAliases"));

        JsonNode listed = replies.get(2);
        JsonNode listedByKey = replies.get(3);
        assertThat(aliasNames(listed)).containsExactly("alias/example");
        assertThat(listed.path("Aliases").path("Alias").path(0).path("KeyId").asString()).isEqualTo(secondKey);
        assertThat(aliasNames(listedByKey)).containsExactly("alias/example");
        assertThat(afterGuide.path("TotalCount").asInt()).isZero();
    }

    /** Sends a description with bytes that percent-encoding must escape and reads it back unchanged. */
    private static void checkUnusualCharacters(KmsCli cli) {
        String description = "a b+c*d~e=f&g%h:i/j'k\"l\nm\u00e9\u20ac\ud83d\ude00 ?#[]";

        String keyId = succeeded(cli.run("CreateKey", "--Description", description)).path("KeyMetadata")
                .path("KeyId").asString();
        JsonNode described = succeeded(cli.run("DescribeKey", "--KeyId=" + keyId)).path("KeyMetadata");

        assertThat(described.path("Description").asString()).isEqualTo(description);
    }

    private static JsonNode succeeded(Result result) {
        assertThat(result.exitCode()).as(result.describe()).isZero();
        return result.json();
    }

    private static List<String> aliasNames(JsonNode listReply) {
        List<String> names = new ArrayList<>();
        listReply.path("Aliases").path("Alias").forEach(alias -> names.add(alias.path("AliasName").asString()));
        return names;
    }
}
