package dev.localkms.bench;

import java.io.FileWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's command-line entry point. {@code bench/run} calls it; each command prints its
 * result on standard output and its progress on standard error, and exits with status 1 on failure.
 *
 * <pre>
 * selftest                                   check the signer against the documented test vector
 * reset-schema --jdbc-url U --user U --password P --schema S
 * load --jdbc-url U --user U --password P --aliases N --writers W --master-key BASE64
 * wait-ready --url U --timeout-seconds S [--pid PID]
 *                                            poll until U returns 200, print the milliseconds waited
 * startup --url U --timeout-seconds S --log FILE -- COMMAND...
 *                                            start COMMAND, print milliseconds until U returns 200, stop it
 * run --url U --label STORAGE/ALIASES --aliases N --writers W --warmup S --duration S
 *     --connections 1,8 --phases all|PHASE,... --out FILE
 * report --results FILE --footprint FILE --out FILE
 * </pre>
 */
public final class BenchClient {

    private static final long POLL_MILLIS = 10;

    private BenchClient() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            fail("Missing command: selftest, reset-schema, load, wait-ready, startup, run or report.");
        }
        int separator = Arrays.asList(args).indexOf("--");
        Map<String, String> options = options(Arrays.copyOfRange(args, 1, separator < 0 ? args.length : separator));
        List<String> command = separator < 0 ? List.of() : List.of(Arrays.copyOfRange(args, separator + 1, args.length));
        switch (args[0]) {
            case "selftest" -> selfTest();
            case "reset-schema" -> resetSchema(options);
            case "load" -> load(options);
            case "wait-ready" -> System.out.println(waitReady(URI.create(required(options, "url")),
                    Long.parseLong(required(options, "timeout-seconds")),
                    options.containsKey("pid") ? ProcessHandle.of(Long.parseLong(options.get("pid"))).orElse(null) : null));
            case "startup" -> startup(options, command);
            case "run" -> run(options);
            case "report" -> Files.writeString(Path.of(required(options, "out")),
                    Report.write(Path.of(required(options, "results")), Path.of(required(options, "footprint"))));
            default -> fail("Unknown command: " + args[0]);
        }
    }

    /** Checks the signer against the RPC signature version 1.0 example of Alibaba's KMS documentation. */
    private static void selfTest() {
        String stringToSign = "GET&%2F&AccessKeyId%3Dtestid&Action%3DCreateKey&Format%3Djson&SignatureMethod%3DHMAC-SHA1"
                + "&SignatureVersion%3D1.0&Timestamp%3D2016-03-28T03%253A13%253A08Z&Version%3D2016-01-20";
        String signature = new RpcV1Signer().sign(stringToSign, "testsecret");
        if (!signature.equals("s/OdVWMTmNGagvWlljdAJ7Itsew=")) {
            fail("The signer computed " + signature + " for the documented example, expected s/OdVWMTmNGagvWlljdAJ7Itsew=");
        }
        System.out.println("signer matches the documented example");
    }

    private static void resetSchema(Map<String, String> options) throws Exception {
        String schema = required(options, "schema");
        if (!schema.matches("[a-z_][a-z0-9_]*")) {
            fail("Invalid schema name: \"" + schema + "\"; use lower-case letters, digits and underscores.");
        }
        try (Connection connection = BulkLoader.connect(required(options, "jdbc-url"), required(options, "user"),
                required(options, "password")); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            statement.execute("CREATE SCHEMA " + schema);
        }
    }

    private static void load(Map<String, String> options) throws Exception {
        DataLayout layout = DataLayout.forAliases(Long.parseLong(required(options, "aliases")),
                Integer.parseInt(required(options, "writers")));
        long start = System.nanoTime();
        try (Connection connection = BulkLoader.connect(required(options, "jdbc-url"), required(options, "user"),
                required(options, "password"))) {
            new BulkLoader(layout, required(options, "master-key")).load(connection);
        }
        System.out.printf("loaded %d aliases in %d accounts and %d regions, and %d writer accounts, in %.1f s%n",
                layout.aliasCount(), layout.accounts(), DataLayout.READ_REGIONS.size(), layout.writers(),
                (System.nanoTime() - start) / 1e9);
    }

    /**
     * Polls {@code url} until it returns 200 and returns the milliseconds it waited.
     * Fails when the timeout passes or when {@code process}, if given, exits first.
     */
    private static long waitReady(URI url, long timeoutSeconds, ProcessHandle process) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        String path = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        while (System.nanoTime() < deadline) {
            try (HttpConnection connection = new HttpConnection(url.getHost(), url.getPort())) {
                if (connection.get(path) == 200) {
                    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                }
            } catch (IOException notYetListening) {
                // The server is not accepting connections yet; poll again.
            }
            if (process != null && !process.isAlive()) {
                fail("The process " + process.pid() + " exited before " + url + " was ready.");
            }
            Thread.sleep(POLL_MILLIS);
        }
        fail(url + " did not return 200 within " + timeoutSeconds + " s.");
        return -1;
    }

    private static void startup(Map<String, String> options, List<String> command) throws Exception {
        if (command.isEmpty()) {
            fail("startup needs the command to start after \"--\".");
        }
        Path log = Path.of(required(options, "log"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process process = builder.start();
        // Stops the started process also when this client is itself stopped by a signal.
        Thread stopper = new Thread(process::destroyForcibly, "bench-startup-stopper");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            long millis = waitReady(URI.create(required(options, "url")),
                    Long.parseLong(required(options, "timeout-seconds")), process.toHandle());
            System.out.println(millis);
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void run(Map<String, String> options) throws Exception {
        URI url = URI.create(required(options, "url"));
        DataLayout layout = DataLayout.forAliases(Long.parseLong(required(options, "aliases")),
                Integer.parseInt(required(options, "writers")));
        LoadRun run = new LoadRun(url.getHost(), url.getPort(), layout, required(options, "label"),
                Double.parseDouble(required(options, "warmup")), Double.parseDouble(required(options, "duration")));
        List<Integer> connections = Arrays.stream(required(options, "connections").split(","))
                .map(String::trim).map(Integer::parseInt).toList();
        List<LoadRun.Phase> phases = new ArrayList<>();
        String phaseOption = options.getOrDefault("phases", "all");
        if (phaseOption.equals("all")) {
            phases.addAll(List.of(LoadRun.Phase.values()));
        } else {
            for (String name : phaseOption.split(",")) {
                phases.add(LoadRun.Phase.valueOf(name.trim()));
            }
        }
        run.verifySignedRequest();
        Path out = Path.of(required(options, "out"));
        boolean exists = Files.exists(out);
        try (PrintWriter output = new PrintWriter(new FileWriter(out.toFile(), true))) {
            if (!exists) {
                output.println(ResultsFile.HEADER);
            }
            run.run(phases, connections, output);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                fail("Invalid option \"" + args[i] + "\": options are --name value pairs.");
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            fail("Missing option --" + name + ".");
        }
        return value;
    }

    private static void fail(String message) {
        System.err.println("bench client: " + message);
        System.exit(1);
    }
}
