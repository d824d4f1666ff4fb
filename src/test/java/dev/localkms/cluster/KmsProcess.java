package dev.localkms.cluster;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.localkms.LocalKmsApplication;

/**
 * The service started as a separate {@code java} process from this JVM's classpath, less the test
 * classes, so that a test can kill it with SIGKILL. Its output goes to a log file, where the chosen port
 * is read from Tomcat's start line.
 */
final class KmsProcess implements AutoCloseable {

    private static final Pattern STARTED = Pattern.compile("Tomcat started on port (\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Process process;
    private final Path log;
    private final int port;

    private KmsProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts the service with these command-line arguments and environment variables, and returns once its
     * readiness probe is UP.
     */
    static KmsProcess start(Path log, List<String> arguments, Map<String, String> environment)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx384m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp", mainClasspath(), LocalKmsApplication.class.getName(), "--server.port=0"));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // Settings from the developer's environment must not change the instance under test.
        builder.environment().keySet().removeIf(name -> name.startsWith("KMS_") || name.startsWith("SPRING_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            int port = awaitPort(process, log);
            KmsProcess started = new KmsProcess(process, log, port);
            started.awaitReady();
            return started;
        } catch (IOException | InterruptedException | RuntimeException e) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw e;
        }
    }

    int port() {
        return port;
    }

    /** Kills the process with SIGKILL, which gives it no chance to flush or shut down, and waits for its end. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Process " + process.pid() + " did not end within 30 s of SIGKILL");
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
        try {
            // The log scan after the integration tests reads every log under target/it-logs.
            Path copy = Path.of("target", "it-logs", "kms-process-" + process.pid() + ".log");
            Files.createDirectories(copy.getParent());
            Files.copy(log, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Failed to keep the log " + log + " for the log scan", e);
        }
    }

    private static int awaitPort(Process process, Path log) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(log)) {
                Matcher started = STARTED.matcher(Files.readString(log));
                if (started.find()) {
                    return Integer.parseInt(started.group(1));
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("The service exited with " + process.exitValue()
                        + " before it started; see " + log);
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("The service did not start within " + START_TIMEOUT + "; see " + log);
    }

    private void awaitReady() throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest readiness = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/_kms/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5))
                .build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not accepting connections yet.
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("The service exited with " + process.exitValue()
                        + " before it was ready; see " + log);
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("The service was not ready within " + START_TIMEOUT + "; see " + log);
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String mainClasspath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("test-classes/"))
                .collect(Collectors.joining(File.pathSeparator));
    }
}
