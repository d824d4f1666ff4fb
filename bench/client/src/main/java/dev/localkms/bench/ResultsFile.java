package dev.localkms.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tab-separated results of load runs, one line per phase and connection count. Latencies are in
 * microseconds. The label names the storage and the number of stored aliases, as {@code storage/aliases}.
 */
final class ResultsFile {

    static final String HEADER = "label\tphase\tconnections\trequests\terrors\tseconds\tthroughput\tp50_us\tp90_us\tp99_us\tmax_us\tfirst_error";

    private ResultsFile() {
    }

    /** A line of the file. */
    record Line(String storage, long aliases, LoadRun.Phase phase, int connections, long requests, long errors,
            double seconds, double throughput, long p50, long p90, long p99, long max, String firstError) {
    }

    static void write(PrintWriter output, LoadRun.Result result) {
        var latencies = result.latencies();
        output.println(String.join("\t", result.label(), result.phase().name(), Integer.toString(result.connections()),
                Long.toString(result.requests()), Long.toString(result.errors()),
                String.format(Locale.ROOT, "%.3f", result.seconds()),
                String.format(Locale.ROOT, "%.1f", result.throughput()),
                Long.toString(latencies.getValueAtPercentile(50)), Long.toString(latencies.getValueAtPercentile(90)),
                Long.toString(latencies.getValueAtPercentile(99)), Long.toString(latencies.getMaxValue()),
                result.firstError() == null ? "" : result.firstError().replaceAll("\\s+", " ")));
    }

    static List<Line> read(Path file) throws IOException {
        List<Line> lines = new ArrayList<>();
        for (String text : Files.readAllLines(file)) {
            if (text.isBlank() || text.startsWith("label\t")) {
                continue;
            }
            String[] fields = text.split("\t", -1);
            String[] label = fields[0].split("/", 2);
            lines.add(new Line(label[0], Long.parseLong(label[1]), LoadRun.Phase.valueOf(fields[1]),
                    Integer.parseInt(fields[2]), Long.parseLong(fields[3]), Long.parseLong(fields[4]),
                    Double.parseDouble(fields[5]), Double.parseDouble(fields[6]), Long.parseLong(fields[7]),
                    Long.parseLong(fields[8]), Long.parseLong(fields[9]), Long.parseLong(fields[10]),
                    fields.length > 11 ? fields[11] : ""));
        }
        return lines;
    }
}
