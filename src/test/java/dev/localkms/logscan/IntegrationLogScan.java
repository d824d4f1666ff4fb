package dev.localkms.logscan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.localkms.support.UsedSecrets;
import org.junit.jupiter.api.Test;

/**
 * Searches the logs of the integration test run for every secret and plaintext that the run used: the
 * access key secrets of the seed files and the default account, the admin token of the strict-mode tests,
 * and what {@code SecretRecordingConfiguration} recorded (plaintexts sent, data keys and access key secrets
 * returned). Maven's failsafe plugin runs it in a second execution, after every other integration test.
 */
class IntegrationLogScan {

    private static final Path LOG_DIRECTORY = Path.of("target", "it-logs");
    private static final Path INTEGRATION_LOG = LOG_DIRECTORY.resolve("integration.log");
    private static final Path USED_SECRETS = LOG_DIRECTORY.resolve("used-secrets.txt");
    private static final Pattern SEED_SECRET = Pattern.compile("secret:\\s*\"?([^,}\"\\s]+)");

    @Test
    void logsContainNoUsedSecret() throws IOException {
        assertThat(INTEGRATION_LOG).as("log of the integration tests").exists();
        // Every start of the service logs this line, so a log without it was not written by the tests.
        assertThat(Files.readString(INTEGRATION_LOG)).as("log of the integration tests").contains("Default account ");

        // A run of selected tests may have recorded nothing; SecretRecordingIT checks the recording itself.
        Set<String> secrets = new LinkedHashSet<>(Files.exists(USED_SECRETS) ? UsedSecrets.read(USED_SECRETS) : List.of());
        int recorded = secrets.size();
        secrets.addAll(seedFileSecrets());
        secrets.add("LocalKmsRootSecret000000000000");
        secrets.add("test-admin-token-1234");
        SecretScanner scanner = new SecretScanner(secrets);

        List<String> findings = new ArrayList<>();
        List<Path> logs;
        try (Stream<Path> files = Files.list(LOG_DIRECTORY)) {
            logs = files.filter(file -> file.toString().endsWith(".log")).sorted().toList();
        }
        for (Path log : logs) {
            String text = Files.readString(log);
            for (SecretScanner.Finding finding : scanner.scan(text)) {
                findings.add("%s at line %d: %s".formatted(log.getFileName(), lineOf(text, finding.offset()),
                        finding.masked()));
            }
        }
        System.out.printf("Searched %d logs for %d secrets and plaintexts (%d recorded while the tests ran)%n",
                logs.size(), scanner.size(), recorded);

        assertThat(findings).as("secrets found in the logs").isEmpty();
    }

    private static List<String> seedFileSecrets() throws IOException {
        List<String> secrets = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src", "test", "resources", "seed"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Matcher matcher = SEED_SECRET.matcher(Files.readString(file));
                while (matcher.find()) {
                    secrets.add(matcher.group(1));
                }
            }
        }
        assertThat(secrets).as("secrets of the seed files").isNotEmpty();
        return secrets;
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
