package dev.localkms.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The record of the secrets and plaintexts that the integration tests used, kept in the file that the
 * system property {@code kms.test.used-secrets} names, one Base64 value a line. The JVM that first records
 * starts the file afresh. {@code IntegrationLogScan} reads it after the integration tests.
 */
public final class UsedSecrets {

    private static final String FILE_PROPERTY = "kms.test.used-secrets";
    private static final Set<String> RECORDED = new LinkedHashSet<>();
    private static boolean started;

    private UsedSecrets() {
    }

    /** Records {@code value}, unless it is null or already recorded; does nothing when no file is configured. */
    public static synchronized void record(String value) {
        String file = System.getProperty(FILE_PROPERTY);
        if (file == null || value == null || value.isEmpty() || !RECORDED.add(value)) {
            return;
        }
        try {
            Path path = Path.of(file);
            Files.createDirectories(path.toAbsolutePath().getParent());
            if (!started) {
                Files.deleteIfExists(path);
                started = true;
            }
            Files.writeString(path, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)) + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to record a used secret in " + file, e);
        }
    }

    /** Reads the values recorded in {@code file}. */
    public static List<String> read(Path file) throws IOException {
        return Files.readAllLines(file).stream()
                .filter(line -> !line.isBlank())
                .map(line -> new String(Base64.getDecoder().decode(line), StandardCharsets.UTF_8))
                .toList();
    }
}
