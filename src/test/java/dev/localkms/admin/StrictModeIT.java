package dev.localkms.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.localkms.sdk.CryptoKmsDriver.DataKeyView;
import dev.localkms.sdk.CryptoKmsDriver.Encrypted;
import dev.localkms.sdk.SdkError;
import dev.localkms.sdk.TeaCryptoKmsDriver;
import dev.localkms.support.StrictIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Strict mode: unsigned calls and admin routes without the token are rejected, and the request log is safe. */
@ExtendWith(OutputCaptureExtension.class)
class StrictModeIT extends StrictIntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void unsignedCallIsRejected() throws Exception {
        HttpResponse<String> reply = send(HttpRequest.newBuilder(uri("/?Action=ListAliases")).GET());

        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(reply.body()).contains("\"Code\":\"IncompleteSignature\"");
    }

    @Test
    void resetNeedsTheAdminToken() throws Exception {
        HttpResponse<String> withoutToken = send(HttpRequest.newBuilder(uri("/_kms/reset"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> wrongToken = send(HttpRequest.newBuilder(uri("/_kms/reset"))
                .header("X-KMS-Admin-Token", "wrong").POST(HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> withToken = send(HttpRequest.newBuilder(uri("/_kms/reset"))
                .header("X-KMS-Admin-Token", ADMIN_TOKEN).POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(withoutToken.statusCode()).isEqualTo(403);
        assertThat(withoutToken.body()).contains("\"Code\":\"Forbidden.NoPermission\"");
        assertThat(wrongToken.statusCode()).isEqualTo(403);
        assertThat(withToken.statusCode()).isEqualTo(200);
    }

    @Test
    void requestLogHidesSecrets(CapturedOutput output) throws Exception {
        TeaCryptoKmsDriver kms = new TeaCryptoKmsDriver(port, ROOT_ACCESS_KEY_ID, ROOT_SECRET, false, DEFAULT_REGION);
        String plaintext = "plaintext-that-must-not-be-logged-7f3a";
        String aliasName = uniqueAlias("log");
        List<String> secrets = new ArrayList<>(List.of(ROOT_SECRET, plaintext));
        int before = requestLines(output.getOut()).size();

        String keyId = kms.createKey("request log");
        kms.createAlias(keyId, aliasName);
        Encrypted encrypted = kms.encrypt(aliasName, plaintext, Map.of("purpose", "log-test"));
        kms.decrypt(encrypted.ciphertextBlob(), Map.of("purpose", "log-test"));
        DataKeyView dataKey = kms.generateDataKey(aliasName, "AES_256", null, Map.of());
        kms.listAliases(1, 10);
        kms.deleteAlias(aliasName);
        String error = errorCode(() -> kms.describeKey(aliasName));
        secrets.add(encrypted.ciphertextBlob());
        secrets.add(dataKey.plaintext());
        secrets.add(dataKey.ciphertextBlob());

        List<String> lines = awaitRequestLines(output, before + 8);
        assertThat(error).isEqualTo("Forbidden.AliasNotFound");
        assertThat(lines).hasSize(before + 8);
        assertThat(lines.subList(before, lines.size())).extracting(line -> line.replaceAll(".*action=(\\S+).*", "$1"))
                .containsExactly("CreateKey", "CreateAlias", "Encrypt", "Decrypt", "GenerateDataKey", "ListAliases",
                        "DeleteAlias", "DescribeKey");
        assertThat(lines.get(lines.size() - 1)).contains("code=Forbidden.AliasNotFound").contains("status=404");
        for (String secret : secrets) {
            assertThat(output.getAll()).as("log output contains a secret or plaintext").doesNotContain(secret);
        }
    }

    private static List<String> awaitRequestLines(CapturedOutput output, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<String> lines = requestLines(output.getOut());
        while (lines.size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
            lines = requestLines(output.getOut());
        }
        return lines;
    }

    private static List<String> requestLines(String output) {
        return output.lines().filter(line -> line.contains(" durationMs=")).toList();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String errorCode(Runnable call) {
        try {
            call.run();
        } catch (SdkError e) {
            return e.code();
        }
        throw new AssertionError("The call succeeded, but an error was expected");
    }
}
