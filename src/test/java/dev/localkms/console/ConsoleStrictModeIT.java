package dev.localkms.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.localkms.support.StrictIntegrationTest;
import org.junit.jupiter.api.Test;

/** The web console in strict auth mode, where the RPC endpoint accepts only signed requests. */
class ConsoleStrictModeIT extends StrictIntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void signedInConsoleCallsRun() throws Exception {
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
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
