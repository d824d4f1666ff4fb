package dev.localkms.auth.signature;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.web.util.UriUtils;

/** RFC 3986 percent-encoding as both Alibaba Cloud signature schemes apply it. */
final class PercentEncoding {

    private PercentEncoding() {
    }

    /**
     * Encodes UTF-8 bytes of the value, leaving only {@code A-Z a-z 0-9 - _ . ~} literal and writing
     * uppercase hex, so a space becomes {@code %20} and {@code *} becomes {@code %2A}.
     */
    static String encode(String value) {
        // UriUtils.encode(String, Charset) keeps exactly the RFC 3986 unreserved characters.
        return UriUtils.encode(value, StandardCharsets.UTF_8);
    }

    /** Sorts the parameters by name and joins them as encoded {@code name=value} pairs separated by {@code &}. */
    static String canonicalQuery(List<Map.Entry<String, String>> parameters) {
        // The sort is stable, so repeated names keep their arrival order.
        return parameters.stream()
                .sorted(Map.Entry.comparingByKey())
                .map(parameter -> encode(parameter.getKey()) + "=" + encode(parameter.getValue()))
                .collect(Collectors.joining("&"));
    }
}
