package dev.localkms.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Runs {@code bin/kms} in a child process, with the environment variables that select its endpoint and region. */
final class KmsCli {

    static final Path SCRIPT = Path.of("bin", "kms").toAbsolutePath();

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long TIMEOUT_SECONDS = 60;

    private final Map<String, String> environment;

    private KmsCli(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** Returns a runner that calls the service on {@code port} in {@code region} with the default credentials. */
    static KmsCli forService(int port, String region) {
        return new KmsCli(Map.of("KMS_ENDPOINT", "http://127.0.0.1:" + port, "KMS_REGION", region));
    }

    /** Returns a copy of this runner with one more environment variable. */
    KmsCli withEnvironment(String name, String value) {
        Map<String, String> copy = new HashMap<>(environment);
        copy.put(name, value);
        return new KmsCli(copy);
    }

    /** Runs {@code bin/kms} with the arguments and waits for it to exit. */
    Result run(String... arguments) {
        return run(List.of(arguments));
    }

    Result run(List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(SCRIPT.toString());
        command.addAll(arguments);
        return execute(command, environment);
    }

    /** Tells whether a command is on the PATH, as the shell finds it. */
    static boolean installed(String tool) {
        return execute(List.of("bash", "-c", "command -v \"$0\"", tool), Map.of()).exitCode() == 0;
    }

    /** Runs any command with the extra environment variables. Variables named {@code KMS_*} are not inherited. */
    static Result execute(List<String> command, Map<String, String> extraEnvironment) {
        try {
            File stdout = File.createTempFile("kms-cli-", ".out");
            File stderr = File.createTempFile("kms-cli-", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(command)
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectOutput(stdout)
                        .redirectError(stderr);
                builder.environment().keySet().removeIf(name -> name.startsWith("KMS_"));
                builder.environment().putAll(extraEnvironment);
                Process process = builder.start();
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("%s did not exit within %d s".formatted(command, TIMEOUT_SECONDS));
                }
                return new Result(process.exitValue(), Files.readString(stdout.toPath(), StandardCharsets.UTF_8),
                        Files.readString(stderr.toPath(), StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(stdout.toPath());
                Files.deleteIfExists(stderr.toPath());
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command, e);
        }
    }

    /** Exit code and output of one run. */
    record Result(int exitCode, String stdout, String stderr) {

        /** Returns stdout read as JSON. */
        JsonNode json() {
            return JSON.readTree(stdout);
        }

        /** Returns a description for assertion messages. */
        String describe() {
            return "exit code %d, stdout:%n%s%nstderr:%n%s".formatted(exitCode, stdout, stderr);
        }
    }
}
