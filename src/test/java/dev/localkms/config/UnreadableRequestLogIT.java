package dev.localkms.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.localkms.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Requests that Tomcat cannot parse get Alibaba's error body, and none of their bytes reach the log.
 *
 * <p>Tomcat logs only the first such request of a process at INFO and later ones at DEBUG, so the test
 * lowers the Tomcat packages to DEBUG while it runs: every unparsable request then reaches a logger, and
 * only the service's levels for Tomcat's own loggers keep the request content out of the output.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnreadableRequestLogIT extends IntegrationTest {

    private static final String PLAINTEXT = "TopSecretPlainText42";
    private static final String SIGNATURE = "SIGxyz0Unreadable";
    private static final List<String> TOMCAT_PACKAGES = List.of("org.apache.coyote", "org.apache.tomcat");

    private final LoggingSystem loggingSystem = LoggingSystem.get(getClass().getClassLoader());

    @BeforeEach
    void logTomcatAtDebug() {
        TOMCAT_PACKAGES.forEach(name -> loggingSystem.setLogLevel(name, LogLevel.DEBUG));
    }

    @AfterEach
    void restoreTomcatLevels() {
        TOMCAT_PACKAGES.forEach(name -> loggingSystem.setLogLevel(name, null));
    }

    @Test
    void invalidCharactersAreNotLogged(CapturedOutput output) throws Exception {
        for (String invalid : List.of("\u00ff", "{", "\"", "|")) {
            String reply = raw("GET /?Action=Encrypt&KeyId=x&Plaintext=" + PLAINTEXT + invalid + "&Signature="
                    + SIGNATURE + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

            assertThat(reply).as("reply to %s", invalid).startsWith("HTTP/1.1 400");
            assertThat(reply).as("reply to %s", invalid).contains("\"Code\":\"InvalidParameter\"");
        }

        assertThat(output.getAll()).doesNotContain(PLAINTEXT);
        assertThat(output.getAll()).doesNotContain(SIGNATURE);
    }

    @Test
    void invalidHeaderIsNotLogged(CapturedOutput output) throws Exception {
        String reply = raw("GET /?Action=ListKeys HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Secret" + PLAINTEXT
                + "\u00ff: " + SIGNATURE + "\r\nConnection: close\r\n\r\n");

        assertThat(reply).startsWith("HTTP/1.1 400");
        assertThat(output.getAll()).doesNotContain(PLAINTEXT);
        assertThat(output.getAll()).doesNotContain(SIGNATURE);
    }

    /** Sends {@code request} as ISO-8859-1 bytes over a plain socket and returns the whole reply. */
    private String raw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(reply);
            return reply.toString(StandardCharsets.UTF_8);
        }
    }
}
