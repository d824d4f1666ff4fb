package dev.localkms.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Kills the service with SIGKILL in the middle of a CreateAlias load, restarts it on the same storage,
 * and checks that every alias whose creation was acknowledged is still there.
 */
class DurabilityIT {

    private static final String REGION = "cn-hangzhou";
    private static final int WRITERS = 8;
    private static final int ACKNOWLEDGED_BEFORE_KILL = 200;
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(60);

    private final RpcClient client = new RpcClient(REGION);

    @TempDir
    Path workDirectory;

    @Test
    void h2FileKeepsAcknowledgedAliasesAfterSigkill() throws Exception {
        String file = workDirectory.resolve("kms").toString();

        assertAcknowledgedWritesSurvive(List.of("--kms.storage.file=" + file), Map.of());
    }

    @Test
    void postgresKeepsAcknowledgedAliasesAfterSigkill() throws Exception {
        try (PostgresSchema schema = PostgresSchema.createOrSkip()) {
            // The storage settings travel as environment variables, as in docker-compose.yml.
            assertAcknowledgedWritesSurvive(List.of(), schema.storageEnvironment());
        }
    }

    private void assertAcknowledgedWritesSurvive(List<String> storageArguments, Map<String, String> storageEnvironment)
            throws Exception {
        List<String> arguments = new ArrayList<>(storageArguments);
        arguments.add("--kms.alias-quota=100000");

        Set<String> acknowledged;
        try (KmsProcess first = KmsProcess.start(workDirectory.resolve("first.log"), arguments, storageEnvironment)) {
            String keyId = createKey(first.port());
            acknowledged = createAliasesUntilKilled(first, keyId);
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_KILL);

        try (KmsProcess second = KmsProcess.start(workDirectory.resolve("second.log"), arguments,
                storageEnvironment)) {
            Set<String> stored = listAliasNames(second.port());

            assertThat(stored).containsAll(acknowledged);
        }
    }

    /**
     * Runs writers that create aliases until their requests fail, kills the process once enough creations
     * were acknowledged, and returns the names of the acknowledged ones.
     */
    private Set<String> createAliasesUntilKilled(KmsProcess process, String keyId) throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger unexpected = new AtomicInteger();
        Instant deadline = Instant.now().plus(LOAD_TIMEOUT);
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int writer = 0; writer < WRITERS; writer++) {
                String prefix = "alias/durable-" + writer + "-";
                running.add(writers.submit(() -> {
                    for (int n = 0; Instant.now().isBefore(deadline); n++) {
                        String name = prefix + n;
                        try {
                            RpcClient.Reply reply = client.callUnsigned(process.port(), "CreateAlias",
                                    Map.of("KeyId", keyId, "AliasName", name));
                            if (reply.ok()) {
                                acknowledged.add(name);
                            } else {
                                unexpected.incrementAndGet();
                            }
                        } catch (IOException e) {
                            return;
                        }
                    }
                }));
            }
            while (acknowledged.size() < ACKNOWLEDGED_BEFORE_KILL && Instant.now().isBefore(deadline)) {
                Thread.sleep(20);
            }
            process.kill();
            for (Future<?> writer : running) {
                writer.get(LOAD_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            writers.shutdownNow();
        }
        assertThat(unexpected).as("error replies during the load").hasValue(0);
        return new HashSet<>(acknowledged);
    }

    private String createKey(int port) throws IOException {
        RpcClient.Reply reply = client.callUnsigned(port, "CreateKey", Map.of());
        assertThat(reply.status()).isEqualTo(200);
        return reply.body().path("KeyMetadata").path("KeyId").asString();
    }

    private Set<String> listAliasNames(int port) throws IOException {
        Set<String> names = new HashSet<>();
        for (int page = 1; page <= 1_000; page++) {
            RpcClient.Reply reply = client.callUnsigned(port, "ListAliases",
                    Map.of("PageNumber", String.valueOf(page), "PageSize", "100"));
            assertThat(reply.status()).isEqualTo(200);
            JsonNode aliases = reply.body().path("Aliases").path("Alias");
            if (aliases.isEmpty()) {
                break;
            }
            aliases.forEach(alias -> names.add(alias.path("AliasName").asString()));
        }
        return names;
    }
}
