package dev.localkms.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import dev.localkms.support.IntegrationTest;
import org.junit.jupiter.api.Test;

/** Runs the README's curl walk-through, unsigned, against the running service. */
class ReadmeCurlIT extends IntegrationTest {

    private static final String MARKER = "<!-- readme-curl-walkthrough -->";

    @Test
    void curlWalkthroughSucceeds() throws IOException, InterruptedException {
        String script = walkthrough().replace("http://localhost:8080", "http://127.0.0.1:" + port);

        Process process = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script)
                .redirectErrorStream(true)
                .start();
        boolean finished = process.waitFor(60, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(finished).as("walk-through finished within 60 s").isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("\"AliasName\":\"alias/demo-app\"");
        assertThat(output).contains("<ListAliasesResponse>");
        assertThat(output).doesNotContain("\"Code\"");
    }

    /** Returns the shell block that follows the walk-through marker in README.md. */
    private static String walkthrough() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int marker = readme.indexOf(MARKER);
        assertThat(marker).as("README.md has the walk-through marker").isNotNegative();
        int start = readme.indexOf("```sh\n", marker) + "```sh\n".length();
        int end = readme.indexOf("```", start);
        return readme.substring(start, end);
    }
}
