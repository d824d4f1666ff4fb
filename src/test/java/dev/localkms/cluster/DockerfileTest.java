package dev.localkms.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Checks the Dockerfile's stages, user and health check, since no Docker engine runs where the tests run. */
class DockerfileTest {

    private static final Path DOCKERFILE = Path.of("Dockerfile");
    private static final Path HEALTHCHECK_SCRIPT = Path.of("docker/healthcheck.sh");

    @Test
    void buildsOnJdkAndRunsOnJre() throws IOException {
        List<String> stages = instructions("FROM");

        assertThat(stages).containsExactly("eclipse-temurin:17-jdk AS build", "eclipse-temurin:17-jre");
    }

    @Test
    void buildsWithMavenWrapper() throws IOException {
        assertThat(String.join("\n", instructions("RUN"))).contains("./mvnw ");
    }

    @Test
    void runsAsUnprivilegedUser() throws IOException {
        List<String> users = instructions("USER");

        assertThat(users).hasSize(1);
        assertThat(users.get(0)).isNotIn("root", "0");
    }

    @Test
    void healthCheckRunsReadinessScript() throws IOException {
        assertThat(instructions("HEALTHCHECK")).singleElement().asString().contains("/app/healthcheck.sh");
        assertThat(Files.readString(HEALTHCHECK_SCRIPT)).contains("/_kms/actuator/health/readiness");
        assertThat(Files.isExecutable(HEALTHCHECK_SCRIPT)).as("healthcheck.sh is executable").isTrue();
    }

    @Test
    void listensOnEveryInterface() throws IOException {
        assertThat(instructions("ENV")).contains("KMS_BIND_ADDRESS=0.0.0.0");
    }

    /** Returns the arguments of every instruction with this name, with line continuations joined. */
    private static List<String> instructions(String name) throws IOException {
        String text = Files.readString(DOCKERFILE).replace("\\\n", " ");
        return text.lines()
                .map(String::strip)
                .filter(line -> line.startsWith(name + " "))
                .map(line -> line.substring(name.length() + 1).strip())
                .toList();
    }
}
