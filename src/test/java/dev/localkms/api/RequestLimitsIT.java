package dev.localkms.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.localkms.support.IntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * Each request limit of {@code kms.limits.*} and Tomcat's header limit, at its default, rejects a request
 * over it with 400 {@code InvalidParameter} and a message that names the limit and its setting.
 */
class RequestLimitsIT extends IntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void queryOverLimitIsRejected() throws Exception {
        HttpResponse<String> atLimit = get("/?" + queryOfLength(60 * 1024));
        HttpResponse<String> overLimit = get("/?" + queryOfLength(60 * 1024 + 1));

        assertThat(atLimit.statusCode()).isEqualTo(200);
        assertThat(overLimit.statusCode()).isEqualTo(400);
        assertThat(overLimit.body()).contains("\"Code\":\"InvalidParameter\"")
                .contains("The query string is 61441 bytes long; the limit is 61440 bytes (kms.limits.max-query-length)");
    }

    @Test
    void headerOverLimitIsRejected() throws Exception {
        HttpResponse<String> atLimit = send(HttpRequest.newBuilder(uri("/?Action=ListKeys"))
                .header("X-Padding", "h".repeat(8192)).GET());
        HttpResponse<String> overLimit = send(HttpRequest.newBuilder(uri("/?Action=ListKeys"))
                .header("X-Padding", "h".repeat(8193)).GET());

        assertThat(atLimit.statusCode()).isEqualTo(200);
        assertThat(overLimit.statusCode()).isEqualTo(400);
        assertThat(overLimit.body()).contains("\"Code\":\"InvalidParameter\"")
                .contains("The header \\\"X-Padding\\\" is 8193 characters long; the limit is 8192 (kms.limits.max-header-length)");
    }

    @Test
    void headersOverTomcatLimitAreRejected() throws Exception {
        StringBuilder request = new StringBuilder("GET /?Action=ListKeys HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (int i = 0; i < 10; i++) {
            request.append("X-Padding-").append(i).append(": ").append("h".repeat(8000)).append("\r\n");
        }
        String reply = raw(request.append("Connection: close\r\n\r\n").toString());

        assertThat(reply).startsWith("HTTP/1.1 400");
        assertThat(reply).contains("\"Code\":\"InvalidParameter\"").contains("at most 64 KB");
    }

    @Test
    void bodyOverLimitIsRejected() throws Exception {
        HttpResponse<String> reply = postForm("Action=DescribeKey&KeyId=k&Pad=" + "b".repeat(1024 * 1024));

        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(reply.body()).contains("\"Code\":\"InvalidParameter\"")
                .contains("The request body is larger than 1048576 bytes, the limit of this service (kms.limits.max-body-size)");
    }

    @Test
    void declaredBodyOverLimitIsRejectedBeforeReading() throws Exception {
        String headers = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: 5000000\r\n";

        for (String request : new String[] {headers + "\r\n", headers + "Expect: 100-continue\r\n\r\n"}) {
            long start = System.nanoTime();
            // No body is sent: the reply must come from the headers alone.
            String reply = raw(request);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            assertThat(reply).as(request).startsWith("HTTP/1.1 400").doesNotContain("100 Continue")
                    .contains("\"Code\":\"InvalidParameter\"")
                    .contains("The request body is larger than 1048576 bytes, the limit of this service "
                            + "(kms.limits.max-body-size)");
            assertThat(elapsed).as(request).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void parameterCountOverLimitIsRejected() throws Exception {
        String hundred = IntStream.range(0, 99).mapToObj(i -> "P" + i + "=v").collect(Collectors.joining("&"));
        HttpResponse<String> atLimit = postForm("Action=ListKeys&" + hundred);
        HttpResponse<String> overLimit = postForm("Action=ListKeys&" + hundred + "&P99=v");

        assertThat(atLimit.statusCode()).isEqualTo(200);
        assertThat(overLimit.statusCode()).isEqualTo(400);
        assertThat(overLimit.body()).contains("\"Code\":\"InvalidParameter\"")
                .contains("The request has 101 parameters; the limit is 100 (kms.limits.max-parameters)");
    }

    @Test
    void parameterValueOverLimitIsRejected() throws Exception {
        HttpResponse<String> atLimit = postForm("Action=DescribeKey&KeyId=" + "k".repeat(32768));
        HttpResponse<String> overLimit = postForm("Action=Encrypt&KeyId=k&Plaintext=" + "p".repeat(32769));

        assertThat(atLimit.statusCode()).isEqualTo(404);
        assertThat(overLimit.statusCode()).isEqualTo(400);
        assertThat(overLimit.body()).contains("\"Code\":\"InvalidParameter\"")
                .contains("The specified parameter \\\"Plaintext\\\" is not valid: its value is 32769 characters long; "
                        + "the limit is 32768 (kms.limits.max-parameter-length)")
                .doesNotContain("ppp");
    }

    @Test
    void parameterNameOverLimitIsRejected() throws Exception {
        HttpResponse<String> reply = postForm("Action=ListKeys&" + "n".repeat(32769) + "=v");

        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(reply.body()).contains("\"Code\":\"InvalidParameter\"")
                .contains("is 32769 characters long; the limit is 32768 (kms.limits.max-parameter-length)");
    }

    @Test
    void plaintextOverLimitIsRejected() throws Exception {
        String region = uniqueRegion();
        String keyId = get("/?Action=CreateKey&RegionId=" + region).body()
                .replaceAll(".*\"KeyId\":\"([^\"]+)\".*", "$1");
        HttpResponse<String> reply = postForm("Action=Encrypt&RegionId=" + region + "&KeyId=" + keyId
                + "&Plaintext=" + "p".repeat(6145));

        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(reply.body()).contains("\"Code\":\"InvalidParameter\"").contains("Plaintext").contains("6144")
                .doesNotContain("ppp");
    }

    @Test
    void policyDocumentOverLimitIsRejected() throws Exception {
        String document = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"kms:*\",\"Resource\":\"*\"}]}";
        String padded = document.replace("}]}", "}]" + " ".repeat(6145 - document.length()) + "}");
        HttpResponse<String> reply = postForm("Version=2015-05-01&Action=CreatePolicy&PolicyName=long-"
                + System.nanoTime() + "&PolicyDocument=" + URLEncoder.encode(padded, StandardCharsets.UTF_8));

        assertThat(padded).hasSize(6145);
        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(reply.body()).contains("\"Code\":\"InvalidParameter.PolicyDocument.Length\"")
                .contains("The parameter - \\\"PolicyDocument\\\" beyond the length limit: "
                        + "it is 6145 characters long; the limit is 6144.");
    }

    /** Returns a ListKeys query of exactly {@code length} characters, padded with parameters of 30000 characters or less. */
    private static String queryOfLength(int length) {
        StringBuilder query = new StringBuilder("Action=ListKeys");
        for (int i = 0; query.length() < length; i++) {
            String name = "&P" + i + "=";
            int valueLength = Math.min(30_000, length - query.length() - name.length());
            query.append(name).append("q".repeat(Math.max(0, valueLength)));
        }
        return query.toString();
    }

    private HttpResponse<String> postForm(String body) throws Exception {
        return send(HttpRequest.newBuilder(uri("/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends {@code request} as ISO-8859-1 bytes over a plain socket and returns the reply. */
    private String raw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
