package dev.localkms.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.HdrHistogram.Histogram;

/**
 * Runs the benchmark phases against one running service. Each phase runs at every connection count
 * with one worker thread per connection in a closed loop: a worker sends its next request as soon as
 * the previous reply arrives. A warm-up precedes each measurement and is not recorded.
 */
final class LoadRun {

    /** A benchmark phase and the name the report gives it. */
    enum Phase {
        BASELINE("Baseline: actuator health"),
        CREATE_ALIAS("CreateAlias, new name each request"),
        DESCRIBE_KEY("DescribeKey by alias"),
        LIST_ALIASES("ListAliases PageSize=100"),
        LIST_ALIASES_BY_KEY_ID("ListAliasesByKeyId"),
        UPDATE_ALIAS("UpdateAlias"),
        DELETE_ALIAS("DeleteAlias"),
        ENCRYPT("Encrypt through an alias");

        final String title;

        Phase(String title) {
            this.title = title;
        }
    }

    /** The outcome of one phase at one connection count. */
    record Result(String label, Phase phase, int connections, long requests, long errors, double seconds,
            Histogram latencies, String firstError) {

        double throughput() {
            return requests / seconds;
        }
    }

    private static final String PLAINTEXT = "aGVsbG8gd29ybGQ=";
    private static final double DELETE_STOCK_FACTOR = 2.5;
    private static final long REFILL_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(180);

    private final String host;
    private final int port;
    private final DataLayout layout;
    private final String label;
    private final String runTag;
    private final double warmupSeconds;
    private final double durationSeconds;

    /** Aliases created so far; alias n is {@code alias/w-<runTag>-n} of writer {@code n % writers}. */
    private final AtomicLong created = new AtomicLong();
    private final AtomicLong updated = new AtomicLong();
    private final AtomicLong deleted = new AtomicLong();
    private final List<Result> createResults = new ArrayList<>();

    LoadRun(String host, int port, DataLayout layout, String label, double warmupSeconds, double durationSeconds) {
        this.host = host;
        this.port = port;
        this.layout = layout;
        this.label = label;
        this.runTag = Long.toString(System.currentTimeMillis(), 36);
        this.warmupSeconds = warmupSeconds;
        this.durationSeconds = durationSeconds;
    }

    /** Runs {@code phases} at each connection count and appends one line per result to {@code output}. */
    void run(List<Phase> phases, List<Integer> connectionCounts, PrintWriter output) throws InterruptedException {
        // One unrecorded round of every phase first, so that the JIT compiler has compiled the code paths of
        // every phase before the first measurement.
        int maxConnections = connectionCounts.stream().mapToInt(Integer::intValue).max().orElse(1);
        for (Phase phase : phases) {
            System.err.printf("%s warm-up: %s%n", label, phase.title);
            measure(phase, maxConnections, warmupSeconds, 0);
        }
        for (Phase phase : phases) {
            for (int connections : connectionCounts) {
                if (phase == Phase.DELETE_ALIAS) {
                    refillDeleteStock(connections);
                }
                Result result = measure(phase, connections, warmupSeconds, durationSeconds);
                if (phase == Phase.CREATE_ALIAS) {
                    createResults.add(result);
                }
                ResultsFile.write(output, result);
                output.flush();
                System.err.printf("%s %-36s c=%d %8.1f req/s p50 %.2f ms p99 %.2f ms errors %d%s%n", label,
                        phase.title, connections, result.throughput(), millis(result.latencies().getValueAtPercentile(50)),
                        millis(result.latencies().getValueAtPercentile(99)), result.errors(),
                        result.firstError() == null ? "" : " first error: " + result.firstError());
            }
        }
    }

    /** Checks that a signed request of the service's own API succeeds, so that a signer fault stops the run early. */
    void verifySignedRequest() throws IOException {
        RpcV1Signer signer = new RpcV1Signer();
        try (HttpConnection connection = new HttpConnection(host, port)) {
            int status = connection.get(signer.signedPath("DescribeKey",
                    Map.of("KeyId", DataLayout.aliasName(0), "RegionId", DataLayout.READ_REGIONS.get(0)),
                    DataLayout.credentials(DataLayout.accountId(0))));
            if (status != 200) {
                throw new IOException("A signed DescribeKey failed with HTTP status " + status + ": " + connection.body());
            }
        }
    }

    private void refillDeleteStock(int connections) throws InterruptedException {
        double createRate = createResults.stream().filter(result -> result.connections() == connections)
                .mapToDouble(Result::throughput).max().orElse(500);
        long wanted = (long) (createRate * DELETE_STOCK_FACTOR * (warmupSeconds + durationSeconds));
        long missing = Math.min(wanted - (created.get() - deleted.get()), layout.writeCapacity() - created.get());
        if (missing <= 0) {
            return;
        }
        System.err.printf("%s creating %d aliases for DeleteAlias%n", label, missing);
        long target = created.get() + missing;
        List<Thread> threads = new ArrayList<>();
        long deadline = System.nanoTime() + REFILL_TIMEOUT_NANOS;
        for (int i = 0; i < 8; i++) {
            int index = i;
            Thread thread = new Thread(() -> {
                RpcV1Signer signer = new RpcV1Signer();
                try (HttpConnection connection = new HttpConnection(host, port)) {
                    while (System.nanoTime() < deadline) {
                        String path = createAliasPath(signer, target);
                        if (path == null) {
                            return;
                        }
                        connection.get(path);
                    }
                } catch (IOException e) {
                    System.err.println("Creating aliases for DeleteAlias failed: " + e);
                }
            }, "bench-refill-" + index);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private Result measure(Phase phase, int connections, double warmup, double duration) throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmup * 1e9);
        long measureUntil = measureFrom + (long) (duration * 1e9);
        List<Worker> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        AtomicReference<String> firstError = new AtomicReference<>();
        for (int i = 0; i < connections; i++) {
            Worker worker = new Worker(phase, measureFrom, measureUntil, firstError);
            workers.add(worker);
            Thread thread = new Thread(worker, "bench-" + phase + "-" + i);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        Histogram latencies = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        long requests = 0;
        long errors = 0;
        long lastEnd = measureFrom;
        for (Worker worker : workers) {
            latencies.add(worker.latencies);
            requests += worker.requests;
            errors += worker.errors;
            lastEnd = Math.max(lastEnd, worker.lastEnd);
        }
        // A phase whose stock of aliases runs out ends early; its throughput counts only the time it ran.
        double seconds = Math.max(1e-3, (Math.min(lastEnd, measureUntil) - measureFrom) / 1e9);
        return new Result(label, phase, connections, requests, errors, seconds, latencies, firstError.get());
    }

    /** Returns the path of the next CreateAlias request, or null once {@code limit} aliases exist. */
    private String createAliasPath(RpcV1Signer signer, long limit) {
        long n;
        do {
            n = created.get();
            if (n >= limit || n >= layout.writeCapacity()) {
                return null;
            }
        } while (!created.compareAndSet(n, n + 1));
        int writer = (int) (n % layout.writers());
        String accountId = DataLayout.writerAccountId(writer);
        return signer.signedPath("CreateAlias", Map.of("AliasName", writerAliasName(n),
                "KeyId", DataLayout.writerKeyId(writer, 0), "RegionId", DataLayout.WRITE_REGION),
                DataLayout.credentials(accountId));
    }

    private String writerAliasName(long n) {
        return "alias/w-" + runTag + "-" + n;
    }

    private static double millis(long micros) {
        return micros / 1000.0;
    }

    /** One connection's closed loop. */
    private final class Worker implements Runnable {

        private final Phase phase;
        private final long measureFrom;
        private final long measureUntil;
        private final AtomicReference<String> firstError;
        private final Histogram latencies = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        private final RpcV1Signer signer = new RpcV1Signer();
        private long requests;
        private long errors;
        private long lastEnd;

        Worker(Phase phase, long measureFrom, long measureUntil, AtomicReference<String> firstError) {
            this.phase = phase;
            this.measureFrom = measureFrom;
            this.measureUntil = measureUntil;
            this.firstError = firstError;
        }

        @Override
        public void run() {
            try (HttpConnection connection = new HttpConnection(host, port)) {
                while (System.nanoTime() < measureUntil) {
                    // The path is built before the clock starts, so signing counts as client time.
                    String path = nextPath();
                    if (path == null) {
                        return;
                    }
                    long begin = System.nanoTime();
                    int status;
                    String error = null;
                    try {
                        status = connection.get(path);
                        if (status != 200) {
                            error = "HTTP " + status + " " + abbreviate(connection.body());
                        }
                    } catch (IOException e) {
                        connection.close();
                        error = e.toString();
                    }
                    long end = System.nanoTime();
                    if (begin >= measureFrom) {
                        latencies.recordValue(Math.min(TimeUnit.NANOSECONDS.toMicros(end - begin),
                                latencies.getHighestTrackableValue()));
                        requests++;
                        lastEnd = end;
                        if (error != null) {
                            errors++;
                        }
                    }
                    if (error != null) {
                        firstError.compareAndSet(null, error);
                    }
                }
            }
        }

        private String nextPath() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            int scope = random.nextInt(layout.scopeCount());
            int account = scope / DataLayout.READ_REGIONS.size();
            String regionId = DataLayout.READ_REGIONS.get(scope % DataLayout.READ_REGIONS.size());
            RpcV1Signer.Credentials reader = DataLayout.credentials(DataLayout.accountId(account));
            String someAlias = DataLayout.aliasName(random.nextInt(DataLayout.ALIASES_PER_SCOPE));
            return switch (phase) {
                case BASELINE -> "/_kms/actuator/health";
                case CREATE_ALIAS -> createAliasPath(signer, Long.MAX_VALUE);
                case DESCRIBE_KEY -> signer.signedPath("DescribeKey",
                        Map.of("KeyId", someAlias, "RegionId", regionId), reader);
                case LIST_ALIASES -> signer.signedPath("ListAliases",
                        Map.of("PageSize", "100", "PageNumber", "1", "RegionId", regionId), reader);
                case LIST_ALIASES_BY_KEY_ID -> signer.signedPath("ListAliasesByKeyId",
                        Map.of("KeyId", DataLayout.keyId(scope, random.nextInt(DataLayout.KEYS_PER_SCOPE)),
                                "RegionId", regionId), reader);
                case UPDATE_ALIAS -> updateAliasPath();
                case DELETE_ALIAS -> deleteAliasPath();
                case ENCRYPT -> signer.signedPath("Encrypt",
                        Map.of("KeyId", someAlias, "Plaintext", PLAINTEXT, "RegionId", regionId), reader);
            };
        }

        /** Points the aliases that exist, one after another, alternately to the writer's second and first key. */
        private String updateAliasPath() {
            long first = deleted.get();
            long stock = created.get() - first;
            if (stock <= 0) {
                return null;
            }
            long u = updated.getAndIncrement();
            long n = first + u % stock;
            int writer = (int) (n % layout.writers());
            int key = (u / stock) % 2 == 0 ? 1 : 0;
            return signer.signedPath("UpdateAlias", Map.of("AliasName", writerAliasName(n),
                    "KeyId", DataLayout.writerKeyId(writer, key), "RegionId", DataLayout.WRITE_REGION),
                    DataLayout.credentials(DataLayout.writerAccountId(writer)));
        }

        /** Deletes the created aliases in order; returns null when none is left. */
        private String deleteAliasPath() {
            long n;
            do {
                n = deleted.get();
                if (n >= created.get()) {
                    return null;
                }
            } while (!deleted.compareAndSet(n, n + 1));
            int writer = (int) (n % layout.writers());
            return signer.signedPath("DeleteAlias", Map.of("AliasName", writerAliasName(n),
                    "RegionId", DataLayout.WRITE_REGION), DataLayout.credentials(DataLayout.writerAccountId(writer)));
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
