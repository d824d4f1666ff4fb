package dev.localkms.api;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.localkms.common.Messages;
import dev.localkms.error.ErrorCode;
import dev.localkms.error.KmsException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;

/** Reads an {@link RpcRequest} from the servlet request without letting the container parse the body. */
final class RpcRequestParser {

    /** Largest body read: RPC parameters travel in the query or a form body, and 1 MiB is far above either. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private RpcRequestParser() {
    }

    static RpcRequest parse(HttpServletRequest servletRequest, String requestId) {
        byte[] body = readBody(servletRequest);
        List<Map.Entry<String, String>> query = decodePairs(servletRequest.getQueryString());
        List<Map.Entry<String, String>> form = isForm(servletRequest.getContentType())
                ? decodePairs(new String(body, StandardCharsets.UTF_8))
                : List.of();
        rejectDuplicates(query, form);
        return new RpcRequest(requestId, servletRequest.getMethod().toUpperCase(Locale.ROOT), query, form,
                headers(servletRequest), body, servletRequest.getRemoteAddr(), servletRequest.isSecure());
    }

    /**
     * Rejects a parameter given twice, in the query or the form body, since which value should count is
     * ambiguous and a caller almost certainly made a mistake.
     */
    private static void rejectDuplicates(List<Map.Entry<String, String>> query, List<Map.Entry<String, String>> form) {
        Set<String> seen = new HashSet<>();
        for (List<Map.Entry<String, String>> parameters : List.of(query, form)) {
            for (Map.Entry<String, String> parameter : parameters) {
                if (!seen.add(parameter.getKey())) {
                    throw KmsException.withMessage(ErrorCode.INVALID_PARAMETER,
                            "The specified parameter \"%s\" is not valid: it is given more than once."
                                    .formatted(Messages.abbreviate(parameter.getKey())));
                }
            }
        }
    }

    private static byte[] readBody(HttpServletRequest servletRequest) {
        try {
            byte[] body = servletRequest.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw KmsException.withMessage(ErrorCode.INVALID_PARAMETER,
                        "The request body is larger than %d bytes, the limit of this service."
                                .formatted(MAX_BODY_BYTES));
            }
            return body;
        } catch (IOException e) {
            throw KmsException.withMessage(ErrorCode.INVALID_PARAMETER,
                    "The request body could not be read: " + e.getMessage());
        }
    }

    private static boolean isForm(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            return MediaType.APPLICATION_FORM_URLENCODED.includes(MediaType.parseMediaType(contentType));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Decodes {@code a=1&b=2} pairs as HTML forms do, so {@code +} is a space and {@code %2B} a plus sign. */
    static List<Map.Entry<String, String>> decodePairs(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return List.of();
        }
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            pairs.add(Map.entry(decode(name), decode(value)));
        }
        return Collections.unmodifiableList(pairs);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw KmsException.withMessage(ErrorCode.INVALID_PARAMETER,
                    "The request contains a malformed percent-encoded value: \"%s\".".formatted(Messages.abbreviate(text)));
        }
    }

    private static Map<String, String> headers(HttpServletRequest servletRequest) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : Collections.list(servletRequest.getHeaderNames())) {
            headers.putIfAbsent(name.toLowerCase(Locale.ROOT), servletRequest.getHeader(name));
        }
        return Collections.unmodifiableMap(headers);
    }
}
