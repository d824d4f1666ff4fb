package dev.localkms.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import dev.localkms.auth.signature.RpcV1Signature;
import dev.localkms.support.SeededIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs every alias action from 8 connections for 60 seconds, signed (V1) by three principals of two
 * seeded accounts, and then reconciles. The aliases that ListAliases returns must be exactly the
 * successful creates minus the successful deletes, per account, and no reply may be a 5xx.
 *
 * <p>{@code -Dkms.load.seconds} and {@code -Dkms.load.connections} change the duration and the number of
 * connections. The figures go to standard output and to {@code target/load-test.txt}.
 */
class AliasLoadIT extends SeededIntegrationTest {

    private static final int SECONDS = Integer.getInteger("kms.load.seconds", 60);
    private static final int CONNECTIONS = Integer.getInteger("kms.load.connections", 8);
    /** Alias names per account; few enough that creates and deletes of the same name often meet. */
    private static final int NAMES = 40;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String region = uniqueRegion();
    private final List<Principal> principals = List.of(
            new Principal(ACCOUNT_A, ROOT_ACCESS_KEY_ID, ROOT_SECRET),
            new Principal(ACCOUNT_B, ACCOUNT_B_ROOT_ACCESS_KEY_ID, ACCOUNT_B_ROOT_SECRET),
            new Principal(ACCOUNT_B, ACCOUNT_B_ADMIN.accessKeyId(), ACCOUNT_B_ADMIN.secret()));
    private final Map<String, List<String>> keysByAccount = new ConcurrentHashMap<>();
    /** Successful creates minus successful deletes, by account and alias name. */
    private final Map<String, Map<String, AtomicLong>> netByAccount = new ConcurrentHashMap<>();
    private final Map<String, ActionCounts> countsByAction = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aliasesMatchCreatesMinusDeletes() throws Exception {
        for (Principal principal : principals.subList(0, 2)) {
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Reply reply = call(principal, "CreateKey", Map.of());
                assertThat(reply.status()).as("CreateKey").isEqualTo(200);
                keys.add(reply.json().path("KeyMetadata").path("KeyId").asString());
            }
            keysByAccount.put(principal.accountId(), keys);
            netByAccount.put(principal.accountId(), new ConcurrentHashMap<>());
        }

        Instant start = Instant.now();
        Instant deadline = start.plusSeconds(SECONDS);
        List<long[]> latencies = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
        try {
            List<Future<long[]>> workers = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                workers.add(pool.submit(() -> work(deadline)));
            }
            for (Future<long[]> worker : workers) {
                latencies.add(worker.get());
            }
        } finally {
            pool.shutdownNow();
        }
        Duration elapsed = Duration.between(start, Instant.now());

        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        long serverErrors = countsByAction.values().stream().mapToLong(counts -> counts.serverErrors.get()).sum();
        long failures = countsByAction.values().stream().mapToLong(counts -> counts.failures.get()).sum();
        Map<String, String> mismatches = reconcile();
        report(all, elapsed, serverErrors, failures, mismatches);

        assertThat(all.length).as("requests sent").isGreaterThan(CONNECTIONS);
        assertThat(serverErrors).as("5xx replies").isZero();
        assertThat(failures).as("requests without a reply").isZero();
        assertThat(countsByAction.get("CreateAlias").ok.get()).as("successful creates").isPositive();
        assertThat(countsByAction.get("DeleteAlias").ok.get()).as("successful deletes").isPositive();
        assertThat(mismatches).as("aliases listed against creates minus deletes").isEmpty();
    }

    /** Sends random alias calls until the deadline and returns each call's latency in microseconds. */
    private long[] work(Instant deadline) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long[] latencies = new long[1 << 16];
        int count = 0;
        while (Instant.now().isBefore(deadline)) {
            Principal principal = principals.get(random.nextInt(principals.size()));
            List<String> keys = keysByAccount.get(principal.accountId());
            String alias = "alias/load-" + random.nextInt(NAMES);
            String key = keys.get(random.nextInt(keys.size()));
            int choice = random.nextInt(100);
            String action;
            Map<String, String> parameters;
            if (choice < 30) {
                action = "CreateAlias";
                parameters = Map.of("AliasName", alias, "KeyId", key);
            } else if (choice < 50) {
                action = "DeleteAlias";
                parameters = Map.of("AliasName", alias);
            } else if (choice < 65) {
                action = "UpdateAlias";
                parameters = Map.of("AliasName", alias, "KeyId", key);
            } else if (choice < 75) {
                action = "ListAliases";
                parameters = Map.of("PageSize", "50");
            } else if (choice < 85) {
                action = "ListAliasesByKeyId";
                parameters = Map.of("KeyId", key, "PageSize", "50");
            } else {
                action = "DescribeKey";
                parameters = Map.of("KeyId", alias);
            }

            ActionCounts counts = countsByAction.computeIfAbsent(action, name -> new ActionCounts());
            long started = System.nanoTime();
            int status;
            try {
                status = call(principal, action, parameters).status();
            } catch (IOException e) {
                counts.failures.incrementAndGet();
                continue;
            }
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = (System.nanoTime() - started) / 1000;
            counts.record(status);
            if (status == 200 && action.equals("CreateAlias")) {
                net(principal.accountId(), alias).incrementAndGet();
            } else if (status == 200 && action.equals("DeleteAlias")) {
                net(principal.accountId(), alias).decrementAndGet();
            }
        }
        return Arrays.copyOf(latencies, count);
    }

    private AtomicLong net(String accountId, String alias) {
        return netByAccount.get(accountId).computeIfAbsent(alias, name -> new AtomicLong());
    }

    /** Compares each account's listed aliases with its net creates, and returns the differences by account. */
    private Map<String, String> reconcile() throws IOException {
        Map<String, String> mismatches = new TreeMap<>();
        for (Principal principal : principals.subList(0, 2)) {
            Set<String> expected = netByAccount.get(principal.accountId()).entrySet().stream()
                    .filter(entry -> {
                        assertThat(entry.getValue().get()).as("net creates of %s", entry.getKey()).isBetween(0L, 1L);
                        return entry.getValue().get() == 1;
                    })
                    .map(Map.Entry::getKey)
                    .collect(Collectors.toSet());
            Set<String> listed = new HashSet<>();
            int total = -1;
            for (int page = 1; total < 0 || listed.size() < total; page++) {
                JsonNode reply = call(principal, "ListAliases", Map.of("PageSize", "100", "PageNumber",
                        String.valueOf(page))).json();
                total = reply.path("TotalCount").asInt();
                JsonNode aliases = reply.path("Aliases").path("Alias");
                if (aliases.isEmpty()) {
                    break;
                }
                aliases.forEach(alias -> listed.add(alias.path("AliasName").asString()));
            }
            if (!listed.equals(expected) || total != expected.size()) {
                mismatches.put(principal.accountId(), "listed %s (TotalCount %d), expected %s".formatted(
                        new TreeSet<>(listed), total, new TreeSet<>(expected)));
            }
        }
        return mismatches;
    }

    private void report(long[] latencies, Duration elapsed, long serverErrors, long failures,
            Map<String, String> mismatches) throws IOException {
        StringBuilder text = new StringBuilder();
        text.append("Alias load test: %d connections, %d s, principals %d (accounts 2)%n".formatted(CONNECTIONS,
                elapsed.toSeconds(), principals.size()));
        text.append("requests %d, throughput %.0f requests/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n".formatted(
                latencies.length, latencies.length / (elapsed.toMillis() / 1000.0), percentile(latencies, 50),
                percentile(latencies, 99), latencies.length == 0 ? 0.0 : latencies[latencies.length - 1] / 1000.0));
        new TreeMap<>(countsByAction).forEach((action, counts) -> text.append("  %-20s %s%n".formatted(action, counts)));
        text.append("5xx %d, failed connections %d%n".formatted(serverErrors, failures));
        long creates = countsByAction.get("CreateAlias").ok.get();
        long deletes = countsByAction.get("DeleteAlias").ok.get();
        text.append("reconciliation: successful creates %d - successful deletes %d = %d aliases expected; %s%n"
                .formatted(creates, deletes, creates - deletes, mismatches.isEmpty()
                        ? "every account lists exactly those" : "MISMATCH " + mismatches));
        System.out.print(text);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "load-test.txt"), text);
    }

    private static double percentile(long[] sorted, int percent) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1000.0;
    }

    private Reply call(Principal principal, String action, Map<String, String> parameters) throws IOException {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Action", action);
        all.put("Version", "2016-01-20");
        all.put("Format", "JSON");
        all.put("RegionId", region);
        all.put("AccessKeyId", principal.accessKeyId());
        all.put("SignatureMethod", "HMAC-SHA1");
        all.put("SignatureVersion", "1.0");
        all.put("SignatureNonce", UUID.randomUUID().toString());
        all.put("Timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        all.putAll(parameters);

        List<Map.Entry<String, String>> entries = new ArrayList<>(all.entrySet());
        String signature = RpcV1Signature.sign(RpcV1Signature.stringToSign("POST", entries, true), principal.secret());
        entries.add(Map.entry(RpcV1Signature.SIGNATURE_PARAMETER, signature));
        String body = entries.stream()
                .map(entry -> UriUtils.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
                        + UriUtils.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));

        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), JSON.readTree(response.body()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting for " + action, e);
        }
    }

    private record Principal(String accountId, String accessKeyId, String secret) {

        @Override
        public String toString() {
            return accessKeyId + "@" + accountId;
        }
    }

    private record Reply(int status, JsonNode json) {
    }

    /** Replies of one action, by outcome. */
    private static final class ActionCounts {

        private final AtomicLong ok = new AtomicLong();
        private final AtomicLong clientErrors = new AtomicLong();
        private final AtomicLong serverErrors = new AtomicLong();
        private final AtomicLong failures = new AtomicLong();

        void record(int status) {
            if (status == 200) {
                ok.incrementAndGet();
            } else if (status < 500) {
                clientErrors.incrementAndGet();
            } else {
                serverErrors.incrementAndGet();
            }
        }

        @Override
        public String toString() {
            return "200: %d, 4xx: %d, 5xx: %d, no reply: %d".formatted(ok.get(), clientErrors.get(), serverErrors.get(),
                    failures.get());
        }
    }
}
