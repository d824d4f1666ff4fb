package dev.localkms.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.localkms.support.LimitedIntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * A client that stops sending in the middle of a request loses its connection after Tomcat's connection
 * timeout ({@code server.tomcat.connection-timeout}, one second in this context), and no thread waits
 * for it longer than that.
 */
class SlowRequestIT extends LimitedIntegrationTest {

    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration BODY_READ_TIMEOUT = Duration.ofSeconds(3);

    @Test
    void halfSentHeadersAreDropped() throws Exception {
        Result result = sendAndWait("GET /?Action=ListKeys HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Partial: ");

        assertThat(result.closed()).as("the server closed the connection").isTrue();
        assertThat(result.elapsed()).isBetween(CONNECTION_TIMEOUT.minusMillis(200), CONNECTION_TIMEOUT.multipliedBy(5));
        assertThat(result.reply()).doesNotStartWith("HTTP/1.1 2").doesNotContain("<html");
    }

    @Test
    void halfSentBodyIsRejected() throws Exception {
        Result result = sendAndWait("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 200\r\n\r\nAction=CreateKey&Descr");

        assertThat(result.closed()).as("the server closed the connection").isTrue();
        assertThat(result.elapsed()).isBetween(CONNECTION_TIMEOUT.minusMillis(200), CONNECTION_TIMEOUT.multipliedBy(5));
        assertThat(result.reply()).startsWith("HTTP/1.1 400").contains("\"Code\":\"InvalidParameter\"")
                .contains("The request body was not received in time");
    }

    @Test
    void halfSentBodyIsRecordedAsSent() throws Exception {
        String replied = "/_kms/actuator/metrics/kms.requests?tag=action:unknown&tag=code:InvalidParameter&tag=status:400";
        long before = count(replied);

        Result result = sendAndWait("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nAction=ListKeys");

        assertThat(result.reply()).startsWith("HTTP/1.1 400");
        assertThat(result.elapsed()).as("closed after one connection timeout, not two")
                .isLessThan(CONNECTION_TIMEOUT.multipliedBy(2));
        assertThat(count(replied)).isEqualTo(before + 1);
        assertThat(count("/_kms/actuator/metrics/kms.requests?tag=status:408")).as("requests recorded as 408").isZero();
    }

    /** Returns the COUNT of the {@code kms.requests} timer at {@code path}, or 0 when no request has its tags. */
    private long count(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return 0;
        }
        Matcher count = Pattern.compile("\"statistic\":\"COUNT\",\"value\":([0-9.]+)").matcher(response.body());
        assertThat(count.find()).as(response.body()).isTrue();
        return (long) Double.parseDouble(count.group(1));
    }

    @Test
    void tricklingBodyIsCutOffAtDeadline() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: 100\r\n\r\nAction=ListKeys&Pad=").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            long start = System.nanoTime();
            // One byte every 400 ms never leaves the connection silent for the one-second connection timeout.
            Thread trickle = new Thread(() -> {
                try {
                    for (int i = 0; i < 60; i++) {
                        Thread.sleep(400);
                        out.write('p');
                        out.flush();
                    }
                } catch (IOException | InterruptedException e) {
                    // The server closed the connection, as expected.
                }
            });
            trickle.setDaemon(true);
            trickle.start();

            Thread.sleep(1_000);
            HttpResponse<String> other = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/?Action=ListAliases")).build(),
                    HttpResponse.BodyHandlers.ofString());
            String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            trickle.interrupt();

            assertThat(other.statusCode()).as("another client served meanwhile").isEqualTo(200);
            assertThat(reply).startsWith("HTTP/1.1 400").contains("\"Code\":\"InvalidParameter\"")
                    .contains("the whole body must arrive within 3000 ms (kms.limits.body-read-timeout)");
            assertThat(elapsed).as("reply and close after the deadline")
                    .isBetween(BODY_READ_TIMEOUT, BODY_READ_TIMEOUT.plus(CONNECTION_TIMEOUT.multipliedBy(3)));
        }
    }

    @Test
    void idleKeepAliveConnectionIsClosed() throws Exception {
        Result result = sendAndWait("GET /?Action=ListAliases HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

        assertThat(result.reply()).startsWith("HTTP/1.1 200");
        assertThat(result.closed()).as("the server closed the connection").isTrue();
        assertThat(result.elapsed()).isLessThan(CONNECTION_TIMEOUT.multipliedBy(5));
    }

    /**
     * Sends {@code request}, then neither sends more nor closes, and reads until the server closes the
     * connection or 10 seconds pass.
     */
    private Result sendAndWait(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            long start = System.nanoTime();
            InputStream in = socket.getInputStream();
            StringBuilder reply = new StringBuilder();
            byte[] buffer = new byte[4096];
            boolean closed = false;
            try {
                for (int read = in.read(buffer); ; read = in.read(buffer)) {
                    if (read < 0) {
                        closed = true;
                        break;
                    }
                    reply.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                }
            } catch (java.net.SocketException e) {
                // A reset also means the server dropped the connection.
                closed = true;
            } catch (java.net.SocketTimeoutException e) {
                closed = false;
            }
            return new Result(reply.toString(), closed, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private record Result(String reply, boolean closed, Duration elapsed) {
    }
}
