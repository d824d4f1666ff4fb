package dev.localkms.auth.signature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import tools.jackson.databind.json.JsonMapper;

/**
 * A request that an official Alibaba Cloud SDK sent to a recorder, read from a test resource under
 * {@code captures/}. Every capture was signed with {@link #ACCESS_KEY_ID} and {@link #SECRET}.
 *
 * @param source capture file and line number, for test names
 * @param request the request as the service would see it
 */
public record CapturedRequest(String source, SignedRequest request) {

    public static final String ACCESS_KEY_ID = "LTAIFAKEACCESSKEYID0000";
    public static final String SECRET = "FakeAccessKeySecret0000000000";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One line of a capture file, whose pairs are a name and a value. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Line(
            String method,
            String action,
            @JsonProperty("query_decoded") List<List<String>> queryDecoded,
            List<List<String>> headers,
            String body,
            @JsonProperty("body_form_decoded") List<List<String>> bodyFormDecoded) {
    }

    /** Reads every capture file on the test class path. */
    public static List<CapturedRequest> readAll() {
        try {
            Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath:captures/**/*.jsonl");
            List<CapturedRequest> captures = new ArrayList<>();
            for (Resource file : files) {
                captures.addAll(read(file));
            }
            return captures;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the algorithm that starts the {@code Authorization} header, or {@code null} for V1 requests. */
    public String authorizationAlgorithm() {
        return request.header("authorization").map(value -> value.split(" ", 2)[0]).orElse(null);
    }

    @Override
    public String toString() {
        return source;
    }

    private static List<CapturedRequest> read(Resource file) throws IOException {
        String name = fileName(file.getURI());
        List<String> lines = file.getContentAsString(StandardCharsets.UTF_8).lines().toList();
        List<CapturedRequest> captures = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Line line = JSON.readValue(lines.get(i), Line.class);
            String source = "%s:%d %s".formatted(name, i + 1, line.action());
            captures.add(new CapturedRequest(source, toSignedRequest(line)));
        }
        return captures;
    }

    private static SignedRequest toSignedRequest(Line line) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (List<String> header : line.headers()) {
            headers.putIfAbsent(header.get(0).toLowerCase(Locale.ROOT), header.get(1));
        }
        return new SignedRequest(line.method(), pairs(line.queryDecoded()), pairs(line.bodyFormDecoded()), headers,
                line.body().getBytes(StandardCharsets.UTF_8));
    }

    private static List<Map.Entry<String, String>> pairs(List<List<String>> pairs) {
        if (pairs == null) {
            return List.of();
        }
        return pairs.stream().map(pair -> Map.entry(pair.get(0), pair.get(1))).toList();
    }

    private static String fileName(URI uri) {
        String path = uri.toString();
        return path.substring(path.lastIndexOf("/captures/") + "/captures/".length());
    }
}
