package dev.localkms.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.localkms.bench.LoadRun.Phase;
import dev.localkms.bench.ResultsFile.Line;

/**
 * Writes the Markdown report from the results file and the footprint file: one table per storage and
 * alias count, the comparison of the two alias counts, the footprint, and the targets with met or
 * missed. The footprint file has one {@code name<TAB>value} line per fact; a name may repeat.
 */
final class Report {

    private static final Set<Phase> READS = EnumSet.of(Phase.DESCRIBE_KEY, Phase.LIST_ALIASES_BY_KEY_ID);
    private static final Set<Phase> WRITES = EnumSet.of(Phase.CREATE_ALIAS, Phase.UPDATE_ALIAS, Phase.DELETE_ALIAS);
    private static final double READ_RATIO_TARGET = 0.60;
    private static final double READ_P99_TARGET_MICROS = 10_000;
    private static final double WRITE_RATIO_TARGET = 0.35;
    private static final double SCALE_P99_TARGET = 1.5;
    private static final double STARTUP_TARGET = 1.5;
    private static final long RSS_TARGET_KB = 400L * 1024;
    private static final int TARGET_CONNECTIONS = 8;

    private final List<Line> lines;
    private final Map<String, List<String>> facts;
    private final StringBuilder out = new StringBuilder();
    private final List<String[]> targets = new ArrayList<>();

    private Report(List<Line> lines, Map<String, List<String>> facts) {
        this.lines = lines;
        this.facts = facts;
    }

    static String write(Path results, Path footprint) throws IOException {
        Map<String, List<String>> facts = new LinkedHashMap<>();
        for (String text : Files.readAllLines(footprint)) {
            String[] fields = text.split("\t", 2);
            if (fields.length == 2) {
                facts.computeIfAbsent(fields[0], name -> new ArrayList<>()).add(fields[1]);
            }
        }
        return new Report(ResultsFile.read(results), facts).render();
    }

    private String render() {
        out.append("<!-- Written by bench/run; copy into BENCHMARKS.md. -->\n\n");
        out.append("- Run: ").append(fact("info.date")).append(", mode ").append(fact("info.mode"))
                .append(", commit ").append(fact("info.commit")).append('\n');
        out.append("- Machine: ").append(fact("info.machine")).append('\n');
        out.append("- JDK: ").append(fact("info.jdk")).append('\n');
        out.append("- Load average (1, 5, 15 min) before the run: ").append(fact("info.load-before"))
                .append("; after: ").append(fact("info.load-after")).append('\n');
        out.append("- Service: ").append(fact("info.service")).append("\n\n");

        Set<String> configurations = new LinkedHashSet<>();
        lines.forEach(line -> configurations.add(line.storage() + "/" + line.aliases()));
        for (String configuration : configurations) {
            phaseTable(configuration);
        }
        scaleTable();
        footprint();
        targetTable();
        return out.toString();
    }

    private void phaseTable(String configuration) {
        String[] parts = configuration.split("/");
        out.append("#### ").append(storageTitle(parts[0])).append(", ").append(count(Long.parseLong(parts[1])))
                .append(" stored aliases\n\n");
        out.append("| Phase | Connections | Requests/s | Ratio to baseline | p50 (ms) | p99 (ms) | Errors |\n");
        out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Phase phase : Phase.values()) {
            for (Line line : lines) {
                if (!(line.storage() + "/" + line.aliases()).equals(configuration) || line.phase() != phase) {
                    continue;
                }
                out.append("| ").append(phase.title).append(" | ").append(line.connections()).append(" | ")
                        .append(format("%.0f", line.throughput())).append(" | ")
                        .append(ratio(line).map(value -> format("%.2f", value)).orElse("")).append(" | ")
                        .append(millis(line.p50())).append(" | ").append(millis(line.p99())).append(" | ")
                        .append(line.errors()).append(" |\n");
            }
        }
        out.append('\n');
        List<String> errors = lines.stream()
                .filter(line -> (line.storage() + "/" + line.aliases()).equals(configuration) && line.errors() > 0)
                .map(line -> "- " + line.phase().title + " at " + line.connections() + ": " + line.firstError())
                .toList();
        if (!errors.isEmpty()) {
            out.append("First error of each phase that had errors:\n\n");
            errors.forEach(error -> out.append(error).append('\n'));
            out.append('\n');
        }
    }

    private void scaleTable() {
        Set<String> storages = new LinkedHashSet<>();
        lines.forEach(line -> storages.add(line.storage()));
        out.append("#### p99 latency against the number of stored aliases\n\n");
        out.append("| Storage | Phase | Connections | Aliases | p99 (ms) | Aliases | p99 (ms) | p99 ratio | Requests/s ratio |\n");
        out.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (String storage : storages) {
            long small = lines.stream().filter(l -> l.storage().equals(storage)).mapToLong(Line::aliases).min().orElse(0);
            long large = lines.stream().filter(l -> l.storage().equals(storage)).mapToLong(Line::aliases).max().orElse(0);
            if (small == large) {
                continue;
            }
            for (Phase phase : Phase.values()) {
                for (Line smallLine : lines) {
                    if (!smallLine.storage().equals(storage) || smallLine.aliases() != small || smallLine.phase() != phase) {
                        continue;
                    }
                    Optional<Line> largeLine = find(storage, large, phase, smallLine.connections());
                    if (largeLine.isEmpty()) {
                        continue;
                    }
                    double p99Ratio = (double) largeLine.get().p99() / Math.max(1, smallLine.p99());
                    out.append("| ").append(storageTitle(storage)).append(" | ").append(phase.title).append(" | ")
                            .append(smallLine.connections()).append(" | ").append(count(small)).append(" | ")
                            .append(millis(smallLine.p99())).append(" | ").append(count(large)).append(" | ")
                            .append(millis(largeLine.get().p99())).append(" | ").append(format("%.2f", p99Ratio))
                            .append(" | ")
                            .append(format("%.2f", largeLine.get().throughput() / smallLine.throughput())).append(" |\n");
                    if (phase != Phase.BASELINE) {
                        target(format("p99 at %s aliases at most %.1f times p99 at %s: %s, %s, %d connections",
                                count(large), SCALE_P99_TARGET, count(small), storageTitle(storage), phase.title,
                                smallLine.connections()), format("%.2f times", p99Ratio), p99Ratio <= SCALE_P99_TARGET);
                    }
                }
            }
        }
        out.append('\n');
    }

    private void footprint() {
        List<Double> bare = numbers("startup.bare");
        List<Double> service = numbers("startup.service");
        out.append("#### Footprint\n\n");
        out.append("| Measure | Value |\n| --- | --- |\n");
        if (!bare.isEmpty() && !service.isEmpty()) {
            double bareMedian = median(bare);
            double serviceMedian = median(service);
            out.append("| Launch to ready, bare Spring Boot web app (median of ").append(bare.size()).append(") | ")
                    .append(format("%.0f ms", bareMedian)).append(" (").append(joined(bare)).append(") |\n");
            out.append("| Launch to ready, service (median of ").append(service.size()).append(") | ")
                    .append(format("%.0f ms", serviceMedian)).append(" (").append(joined(service)).append(") |\n");
            out.append("| Service against bare | ").append(format("%.2f times", serviceMedian / bareMedian)).append(" |\n");
            target(format("Launch to ready at most %.1f times bare Spring Boot", STARTUP_TARGET),
                    format("%.2f times (%.0f ms against %.0f ms)", serviceMedian / bareMedian, serviceMedian, bareMedian),
                    serviceMedian / bareMedian <= STARTUP_TARGET);
        }
        long peakKb = 0;
        for (Map.Entry<String, List<String>> fact : facts.entrySet()) {
            if (fact.getKey().startsWith("rss.")) {
                long kb = Long.parseLong(fact.getValue().get(0));
                peakKb = Math.max(peakKb, kb);
                out.append("| Peak RSS (VmHWM), ").append(fact.getKey().substring(4)).append(" | ")
                        .append(format("%.0f MB", kb / 1024.0)).append(" |\n");
            }
        }
        long errors = lines.stream().mapToLong(Line::errors).sum();
        long outOfMemory = numbers("oom").stream().mapToLong(Double::longValue).sum();
        boolean passed = errors == 0 && outOfMemory == 0 && !lines.isEmpty();
        out.append("| Heap limit of every service run | ").append(fact("info.heap")).append(" |\n");
        out.append("| Failed requests, OutOfMemoryError lines in the service logs | ").append(errors).append(", ")
                .append(outOfMemory).append(" |\n\n");
        target("Peak RSS under 400 MB", format("%.0f MB", peakKb / 1024.0), peakKb > 0 && peakKb < RSS_TARGET_KB);
        target("The full run passes with " + fact("info.heap"),
                passed ? "no failed request, no OutOfMemoryError" : errors + " failed requests, " + outOfMemory + " OutOfMemoryError lines",
                passed);
    }

    private void targetTable() {
        for (Line line : lines) {
            if (line.connections() != TARGET_CONNECTIONS) {
                continue;
            }
            Optional<Double> ratio = ratio(line);
            if (ratio.isEmpty()) {
                continue;
            }
            String where = storageTitle(line.storage()) + ", " + count(line.aliases()) + " aliases";
            if (READS.contains(line.phase())) {
                target(format("%s at %d connections: at least %.0f%% of baseline, p99 under 10 ms (%s)", line.phase().title,
                        TARGET_CONNECTIONS, READ_RATIO_TARGET * 100, where),
                        format("%.0f%%, p99 %s ms", ratio.get() * 100, millis(line.p99())),
                        ratio.get() >= READ_RATIO_TARGET && line.p99() < READ_P99_TARGET_MICROS);
            }
            if (WRITES.contains(line.phase()) && line.storage().startsWith("h2")) {
                target(format("%s at %d connections on H2: at least %.0f%% of baseline (%s)", line.phase().title,
                        TARGET_CONNECTIONS, WRITE_RATIO_TARGET * 100, where),
                        format("%.0f%%", ratio.get() * 100), ratio.get() >= WRITE_RATIO_TARGET);
            }
        }
        out.append("#### Targets\n\n| Target | Measured | Result |\n| --- | --- | --- |\n");
        for (String[] target : targets) {
            out.append("| ").append(target[0]).append(" | ").append(target[1]).append(" | ").append(target[2]).append(" |\n");
        }
        out.append('\n');
    }

    private void target(String name, String measured, boolean met) {
        targets.add(new String[] {name, measured, met ? "met" : "**missed**"});
    }

    private Optional<Double> ratio(Line line) {
        return find(line.storage(), line.aliases(), Phase.BASELINE, line.connections())
                .map(baseline -> line.throughput() / baseline.throughput());
    }

    private Optional<Line> find(String storage, long aliases, Phase phase, int connections) {
        return lines.stream().filter(line -> line.storage().equals(storage) && line.aliases() == aliases
                && line.phase() == phase && line.connections() == connections).findFirst();
    }

    private String fact(String name) {
        List<String> values = facts.get(name);
        return values == null ? "(not recorded)" : String.join(" ", values);
    }

    private List<Double> numbers(String name) {
        return facts.getOrDefault(name, List.of()).stream().map(Double::parseDouble).toList();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static String joined(List<Double> values) {
        return String.join(", ", values.stream().map(value -> format("%.0f", value)).toList());
    }

    private static String storageTitle(String storage) {
        return switch (storage) {
            case "h2-file" -> "H2 file";
            case "postgresql" -> "PostgreSQL";
            default -> storage;
        };
    }

    private static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String millis(long micros) {
        return format("%.2f", micros / 1000.0);
    }

    private static String format(String pattern, Object... arguments) {
        return String.format(Locale.ROOT, pattern, arguments);
    }
}
