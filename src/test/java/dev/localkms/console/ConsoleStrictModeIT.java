package dev.localkms.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import dev.localkms.support.StrictIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.json.JsonMapper;

/**
 * The web console in strict auth mode, where the RPC endpoint accepts only signed requests, and with the
 * request log on.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConsoleStrictModeIT extends StrictIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void signedInConsoleCallsRun(CapturedOutput output) throws Exception {
        HttpResponse<String> signIn = send(HttpRequest.newBuilder(uri("/_kms/console/session"))
                .header("X-KMS-Console", "1")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"AccessKeyId\": \"" + ROOT_ACCESS_KEY_ID
                        + "\", \"AccessKeySecret\": \"" + ROOT_SECRET + "\"}")));
        String cookie = signIn.headers().firstValue("set-cookie").orElseThrow().split(";", 2)[0];

        HttpResponse<String> listed = send(HttpRequest.newBuilder(uri("/_kms/console/api"))
                .header("X-KMS-Console", "1")
                .header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("Action=ListKeys")));
        HttpResponse<String> unsigned = send(HttpRequest.newBuilder(uri("/?Action=ListKeys")).GET());

        assertThat(signIn.statusCode()).isEqualTo(200);
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        assertThat(listed.body()).contains("\"Keys\"");
        assertThat(unsigned.statusCode()).isEqualTo(400);
        assertThat(unsigned.body()).contains("\"Code\":\"IncompleteSignature\"");
        String requestId = JSON.readTree(listed.body()).get("RequestId").stringValue();
        assertThat(requestLogLine(output, requestId)).contains("action=ListKeys product=Kms principal=root@"
                + ACCOUNT_ID + " accessKeyId=" + ROOT_ACCESS_KEY_ID + " signed=false via=console region=");
    }

    /** Returns the request log line of a request, which is written just after its reply is sent. */
    private static String requestLogLine(CapturedOutput output, String requestId) throws InterruptedException {
        String marker = "requestId=" + requestId;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> line = output.getOut().lines().filter(candidate -> candidate.contains(marker)).findFirst();
            if (line.isPresent()) {
                return line.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("No request log line contains " + marker);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
