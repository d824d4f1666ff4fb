package dev.localkms.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Start-up and shutdown of one instance: readiness turns UP only after every start-up runner has
 * finished, the probes need neither a signature nor the admin token in strict mode, and a graceful
 * shutdown lets a request in flight finish.
 */
class StartupAndShutdownIT {

    private static final String ACCOUNT_ID = "1234567890123456";
    private static final Duration WAIT = Duration.ofSeconds(120);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void readinessWaitsForStartupRunners() throws Exception {
        CountDownLatch runnerStarted = new CountDownLatch(1);
        CountDownLatch runnerReleased = new CountDownLatch(1);
        AtomicInteger port = new AtomicInteger();
        CompletableFuture<KmsInstance> starting = CompletableFuture.supplyAsync(() -> KmsInstance.start(
                Map.of("kms.auth-mode", "strict", "kms.admin-token", "probes-need-no-token",
                        "management.endpoint.health.group.readiness.show-components", "always"),
                context -> context.getBeanFactory().registerSingleton("blockingRunner", (ApplicationRunner) args -> {
                    port.set(context.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
                    runnerStarted.countDown();
                    runnerReleased.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                })));
        assertThat(runnerStarted.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("start-up runner called").isTrue();

        try (KmsInstance ignored = startAfterRelease(starting, runnerReleased, port.get())) {
            assertThat(status(port.get(), "/_kms/actuator/health/readiness")).isEqualTo(200);
            assertThat(body(port.get(), "/_kms/actuator/health/readiness")).as("readiness components")
                    .contains("\"readinessState\"", "\"db\"");
            assertThat(status(port.get(), "/_kms/actuator/health/liveness")).isEqualTo(200);
            assertThat(status(port.get(), "/_kms/actuator/health")).isEqualTo(200);
            assertThat(status(port.get(), "/?Action=ListKeys")).as("unsigned API call in strict mode").isEqualTo(400);
        }
    }

    /** Checks the probes while the runner blocks, then releases it and returns the started instance. */
    private KmsInstance startAfterRelease(CompletableFuture<KmsInstance> starting, CountDownLatch runnerReleased,
            int port) throws Exception {
        try {
            assertThat(status(port, "/_kms/actuator/health/readiness")).as("readiness during start-up").isEqualTo(503);
            assertThat(status(port, "/_kms/actuator/health/liveness")).as("liveness during start-up").isEqualTo(200);
        } finally {
            runnerReleased.countDown();
        }
        return starting.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void gracefulShutdownFinishesRequestInFlight() throws Exception {
        String regionId = "it-shutdown-1";
        // H2 gives up on a lock after 2 seconds by default, and the request must still wait when shutdown begins.
        KmsInstance instance = KmsInstance.start(Map.of("spring.datasource.hikari.connection-init-sql",
                "SET LOCK_TIMEOUT 30000"));
        int port = instance.port();
        RpcClient client = new RpcClient(regionId);
        String keyId = client.callUnsigned(port, "CreateKey", Map.of()).body().path("KeyMetadata").path("KeyId")
                .asString();
        DataSource dataSource = instance.context().getBean(DataSource.class);

        CompletableFuture<RpcClient.Reply> inFlight;
        CompletableFuture<Void> closing;
        try (Connection lockHolder = dataSource.getConnection()) {
            lockHolder.setAutoCommit(false);
            lockRegionScope(lockHolder, regionId);
            inFlight = CompletableFuture.supplyAsync(() -> createAlias(client, port, keyId));
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            awaitCondition("CreateAlias waits for the region scope lock", () -> jdbc.queryForObject(
                    "select count(*) from information_schema.sessions where blocker_id is not null",
                    Integer.class) > 0);

            closing = CompletableFuture.runAsync(instance::close);
            awaitCondition("the server refuses new connections", () -> refusesConnections(port));
            assertThat(inFlight).as("request in flight while shutdown waits").isNotDone();
            lockHolder.rollback();
        }

        assertThat(inFlight.get(WAIT.toSeconds(), TimeUnit.SECONDS).code()).isEqualTo("OK");
        closing.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static void lockRegionScope(Connection connection, String regionId) throws Exception {
        try (PreparedStatement lock = connection.prepareStatement(
                "select * from region_scope where account_id = ? and region_id = ? for update")) {
            lock.setString(1, ACCOUNT_ID);
            lock.setString(2, regionId);
            lock.executeQuery().close();
        }
    }

    private static RpcClient.Reply createAlias(RpcClient client, int port, String keyId) {
        try {
            return client.callUnsigned(port, "CreateAlias", Map.of("KeyId", keyId, "AliasName", "alias/in-flight"));
        } catch (IOException e) {
            throw new IllegalStateException("CreateAlias failed while the server shut down", e);
        }
    }

    private static boolean refusesConnections(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void awaitCondition(String description, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waiting until " + description).isBefore(deadline);
            Thread.sleep(50);
        }
    }

    private int status(int port, String path) throws IOException, InterruptedException {
        return get(port, path).statusCode();
    }

    private String body(int port, String path) throws IOException, InterruptedException {
        return get(port, path).body();
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
