package dev.localkms.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.localkms.key.KeyDeletionJob;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two instances of the service on one PostgreSQL schema, started at the same time, with concurrent
 * requests spread over both. The database alone keeps alias names unique, the alias quota, the record
 * of used signature nonces and web console sessions, and each due key deleted once by the deletion jobs
 * of both instances.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterIT {

    private static final int THREADS = 16;
    private static final int ALIAS_QUOTA = 300;
    private static final long WAIT_SECONDS = 120;

    private PostgresSchema schema;
    private final List<KmsInstance> instances = new ArrayList<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    @BeforeAll
    void startTwoInstances() throws Exception {
        schema = PostgresSchema.createOrSkip();
        Map<String, Object> properties = new HashMap<>(schema.storageProperties());
        properties.put("kms.alias-quota", String.valueOf(ALIAS_QUOTA));
        properties.put("kms.seed-file", "classpath:seed/seeded-it.yml");
        // The test runs the deletion job itself, on both instances at once.
        properties.put("kms.deletion-interval", "1h");
        // Both start on the empty schema at once with the same seed file, as two containers of a compose
        // file do.
        CompletableFuture<KmsInstance> first = CompletableFuture.supplyAsync(() -> KmsInstance.start(properties));
        CompletableFuture<KmsInstance> second = CompletableFuture.supplyAsync(() -> KmsInstance.start(properties));
        instances.add(first.get(WAIT_SECONDS, TimeUnit.SECONDS));
        instances.add(second.get(WAIT_SECONDS, TimeUnit.SECONDS));
    }

    @AfterAll
    void stopInstances() {
        pool.shutdownNow();
        instances.forEach(KmsInstance::close);
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void instancesShareOneMasterKeyAndDefaultAccount() {
        assertThat(schema.jdbc().queryForObject("select count(*) from master_key", Integer.class)).isEqualTo(1);
        assertThat(schema.jdbc().queryForObject("select count(*) from access_key where user_id is null "
                + "and account_id = '1234567890123456'", Integer.class)).isEqualTo(1);
    }

    @Test
    void firstKeysOfNewRegionCreatedConcurrently() throws Exception {
        String regionId = uniqueRegion();
        RpcClient client = new RpcClient(regionId);

        List<String> codes = runConcurrently(32, call -> client.call(port(call), "CreateKey", Map.of()).code());

        assertThat(count(codes)).isEqualTo(Map.of("OK", 32L));
        assertThat(schema.jdbc().queryForObject("select count(*) from region_scope where region_id = ?",
                Integer.class, regionId)).isEqualTo(1);
    }

    @Test
    void sameAliasNameIsCreatedOnce() throws Exception {
        RpcClient client = new RpcClient(uniqueRegion());
        String keyId = createKey(client);
        String aliasName = "alias/contended-" + UUID.randomUUID();

        List<String> codes = runConcurrently(64, call -> client.call(port(call), "CreateAlias",
                Map.of("KeyId", keyId, "AliasName", aliasName)).code());

        assertThat(count(codes)).isEqualTo(Map.of("OK", 1L, "AliasAlreadyExists", 63L));
    }

    @Test
    void aliasQuotaHoldsAcrossInstances() throws Exception {
        String regionId = uniqueRegion();
        RpcClient client = new RpcClient(regionId);
        String keyId = createKey(client);

        List<String> codes = runConcurrently(400, call -> client.call(port(call), "CreateAlias",
                Map.of("KeyId", keyId, "AliasName", "alias/quota-" + call)).code());

        assertThat(count(codes)).isEqualTo(Map.of("OK", 300L, "Rejected.LimitExceeded", 100L));
        assertThat(storedAliasCount(regionId)).isEqualTo(ALIAS_QUOTA);
    }

    @Test
    void replayedNonceRejectedOnOtherInstance() {
        RpcClient client = new RpcClient(uniqueRegion());
        String query = client.signedQuery("ListKeys", Map.of(), UUID.randomUUID().toString());

        RpcClient.Reply first = client.send(instances.get(0).port(), query);
        RpcClient.Reply replay = client.send(instances.get(1).port(), query);

        assertThat(first.code()).isEqualTo("OK");
        assertThat(replay.code()).isEqualTo("SignatureNonceUsed");
    }

    @Test
    void consoleSessionWorksOnOtherInstance() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> signIn = http.send(HttpRequest.newBuilder(consoleUri(0, "session"))
                .header("X-KMS-Console", "1")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"AccessKeyId\": \"" + RpcClient.ACCESS_KEY_ID
                        + "\", \"AccessKeySecret\": \"" + RpcClient.SECRET + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        String cookie = signIn.headers().firstValue("set-cookie").orElseThrow().split(";", 2)[0];

        HttpResponse<String> onSecond = http.send(consoleCall(1, cookie), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> signOut = http.send(HttpRequest.newBuilder(consoleUri(1, "session"))
                .header("X-KMS-Console", "1").header("Cookie", cookie).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> onFirstAfterSignOut = http.send(consoleCall(0, cookie),
                HttpResponse.BodyHandlers.ofString());

        assertThat(signIn.statusCode()).isEqualTo(200);
        assertThat(onSecond.statusCode()).as(onSecond.body()).isEqualTo(200);
        assertThat(signOut.statusCode()).isEqualTo(200);
        assertThat(onFirstAfterSignOut.statusCode()).isEqualTo(401);
        assertThat(onFirstAfterSignOut.body()).contains("\"Code\":\"Console.SessionRequired\"");
    }

    private URI consoleUri(int instance, String route) {
        return URI.create("http://127.0.0.1:" + instances.get(instance).port() + "/_kms/console/" + route);
    }

    private HttpRequest consoleCall(int instance, String cookie) {
        return HttpRequest.newBuilder(consoleUri(instance, "api"))
                .header("X-KMS-Console", "1")
                .header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("Action=ListKeys"))
                .build();
    }

    @Test
    void racingUpdatesKeepAliasesConsistent() throws Exception {
        String regionId = uniqueRegion();
        RpcClient client = new RpcClient(regionId);
        List<String> keyIds = List.of(createKey(client), createKey(client), createKey(client), createKey(client));
        List<String> aliasNames = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            aliasNames.add("alias/race-" + i);
            assertThat(client.call(port(i), "CreateAlias",
                    Map.of("KeyId", keyIds.get(i % keyIds.size()), "AliasName", aliasNames.get(i))).code())
                    .isEqualTo("OK");
        }
        Random random = new Random(42);
        List<Callable<String>> operations = new ArrayList<>();
        for (int call = 0; call < 200; call++) {
            int port = port(call);
            String aliasName = aliasNames.get(random.nextInt(aliasNames.size()));
            String keyId = keyIds.get(random.nextInt(keyIds.size()));
            operations.add(switch (call % 5) {
                case 0 -> () -> client.call(port, "DeleteAlias", Map.of("AliasName", aliasName)).code();
                case 1 -> () -> client.call(port, "CreateAlias", Map.of("KeyId", keyId, "AliasName", aliasName))
                        .code();
                default -> () -> client.call(port, "UpdateAlias", Map.of("KeyId", keyId, "AliasName", aliasName))
                        .code();
            });
        }

        List<String> codes = runAll(operations);

        assertThat(codes).allMatch(code -> List.of("OK", "Forbidden.AliasNotFound", "AliasAlreadyExists")
                .contains(code), "each reply is success, AliasNotFound or AliasAlreadyExists");
        assertThat(schema.jdbc().queryForList("""
                select alias_name from kms_alias where region_id = ?
                group by alias_name having count(*) > 1
                """, String.class, regionId)).isEmpty();
        assertThat(schema.jdbc().queryForList("""
                select a.alias_name from kms_alias a left join kms_key k on k.id = a.key_id
                where a.region_id = ? and (k.id is null or k.key_state <> 'Enabled')
                """, String.class, regionId)).isEmpty();
        assertThat(listedAliasCount(client, 0)).isEqualTo(storedAliasCount(regionId));
        assertThat(listedAliasCount(client, 1)).isEqualTo(storedAliasCount(regionId));
    }

    @Test
    void lockTimeoutRepliesServiceUnavailable() throws Exception {
        String regionId = uniqueRegion();
        RpcClient client = new RpcClient(regionId);
        String keyId = createKey(client);

        RpcClient.Reply reply = schema.transaction(jdbc -> {
            jdbc.queryForList("select * from region_scope where region_id = ? for update", regionId);
            return client.call(instances.get(1).port(), "CreateAlias",
                    Map.of("KeyId", keyId, "AliasName", "alias/locked-out"));
        });

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.code()).isEqualTo("ServiceUnavailableTemporary");
    }

    @Test
    void deletionJobDeletesEachDueKeyOnce() throws Exception {
        String regionId = uniqueRegion();
        RpcClient client = new RpcClient(regionId);
        List<String> keyIds = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String keyId = createKey(client);
            keyIds.add(keyId);
            assertThat(client.call(port(i), "CreateAlias", Map.of("KeyId", keyId, "AliasName", "alias/doomed-" + i))
                    .code()).isEqualTo("OK");
            assertThat(client.call(port(i), "ScheduleKeyDeletion", Map.of("KeyId", keyId, "PendingWindowInDays", "7"))
                    .code()).isEqualTo("OK");
        }
        // The pending window ends now instead of in 7 days.
        schema.jdbc().update("update kms_key set delete_date = ? where region_id = ?",
                Timestamp.from(Instant.now().minusSeconds(1)), regionId);

        List<Integer> deleted = new ArrayList<>();
        for (Future<Integer> run : pool.invokeAll(List.of(deletionRun(0), deletionRun(1), deletionRun(0),
                deletionRun(1)), WAIT_SECONDS, TimeUnit.SECONDS)) {
            deleted.add(run.get());
        }

        assertThat(deleted.stream().mapToInt(Integer::intValue).sum()).isEqualTo(keyIds.size());
        assertThat(schema.jdbc().queryForObject("select count(*) from kms_key where region_id = ?", Integer.class,
                regionId)).isZero();
        assertThat(storedAliasCount(regionId)).isZero();
    }

    @Test
    void updateAliasToDeletedKeyNotFound() throws Exception {
        RpcClient client = new RpcClient(uniqueRegion());
        String originalKeyId = createKey(client);
        String deletedKeyId = createKey(client);
        String aliasName = "alias/repointed-" + UUID.randomUUID();
        assertThat(client.call(port(0), "CreateAlias", Map.of("KeyId", originalKeyId, "AliasName", aliasName))
                .code()).isEqualTo("OK");

        RpcClient.Reply reply = schema.transaction(jdbc -> {
            // Holding the alias row makes UpdateAlias wait after it has found the new key Enabled.
            jdbc.queryForList("select * from kms_alias where alias_name = ? for update", aliasName);
            CompletableFuture<RpcClient.Reply> update = CompletableFuture.supplyAsync(() -> client.call(port(1),
                    "UpdateAlias", Map.of("KeyId", deletedKeyId, "AliasName", aliasName)), pool);
            awaitBlockedStatement(jdbc, "update kms_alias");
            CompletableFuture.runAsync(() -> new JdbcTemplate(jdbc.getDataSource())
                    .update("delete from kms_key where id = ?", deletedKeyId), pool).join();
            return update;
        }).get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertThat(reply.code()).isEqualTo("Forbidden.KeyNotFound");
        assertThat(schema.jdbc().queryForObject("select key_id from kms_alias where alias_name = ?", String.class,
                aliasName)).isEqualTo(originalKeyId);
    }

    @Test
    void nulCharacterRejectedBeforePostgresql() {
        String regionId = uniqueRegion();
        RpcClient client = new RpcClient(regionId);

        RpcClient.Reply reply = client.call(port(0), "CreateKey", Map.of("Description", "a\u0000b"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("InvalidParameter");
        assertThat(reply.body().path("Message").asString()).contains("\"Description\"").contains("U+0000");
        assertThat(schema.jdbc().queryForObject("select count(*) from kms_key where region_id = ?",
                Integer.class, regionId)).isZero();
    }

    private Callable<Integer> deletionRun(int instance) {
        KeyDeletionJob job = instances.get(instance).context().getBean(KeyDeletionJob.class);
        return job::deleteExpiredKeys;
    }

    /** Waits until another session waits for a lock in a statement that starts with {@code prefix}. */
    private static void awaitBlockedStatement(JdbcTemplate jdbc, String prefix) {
        Instant deadline = Instant.now().plusSeconds(WAIT_SECONDS);
        while (blockedStatements(jdbc, prefix) == 0) {
            assertThat(Instant.now()).as("waiting for a blocked " + prefix).isBefore(deadline);
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    private static int blockedStatements(JdbcTemplate jdbc, String prefix) {
        // PostgreSQL keeps one snapshot of pg_stat_activity per transaction unless it is cleared.
        jdbc.execute("select pg_stat_clear_snapshot()");
        return jdbc.queryForObject("""
                select count(*) from pg_stat_activity
                where wait_event_type = 'Lock' and lower(query) like ?
                """, Integer.class, prefix + "%");
    }

    private int port(int call) {
        return instances.get(call % instances.size()).port();
    }

    private String createKey(RpcClient client) {
        RpcClient.Reply reply = client.call(instances.get(0).port(), "CreateKey", Map.of());
        assertThat(reply.code()).isEqualTo("OK");
        return reply.body().path("KeyMetadata").path("KeyId").asString();
    }

    private int storedAliasCount(String regionId) {
        return schema.jdbc().queryForObject("select count(*) from kms_alias where region_id = ?", Integer.class,
                regionId);
    }

    private int listedAliasCount(RpcClient client, int instance) {
        RpcClient.Reply reply = client.call(instances.get(instance).port(), "ListAliases", Map.of("PageSize", "1"));
        assertThat(reply.code()).isEqualTo("OK");
        return reply.body().path("TotalCount").asInt();
    }

    private List<String> runConcurrently(int calls, Function<Integer, String> call) throws Exception {
        List<Callable<String>> tasks = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            int index = i;
            tasks.add(() -> call.apply(index));
        }
        return runAll(tasks);
    }

    /** Runs the tasks on the bounded pool and returns their results in submission order. */
    private List<String> runAll(List<Callable<String>> tasks) throws Exception {
        List<Future<String>> futures = pool.invokeAll(tasks, WAIT_SECONDS, TimeUnit.SECONDS);
        List<String> results = new ArrayList<>();
        for (Future<String> future : futures) {
            results.add(future.get());
        }
        return results;
    }

    private static Map<String, Long> count(List<String> codes) {
        return codes.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static String uniqueRegion() {
        return "it-" + UUID.randomUUID().toString().substring(0, 8) + "-1";
    }
}
