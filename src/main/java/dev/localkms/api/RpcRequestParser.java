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
import dev.localkms.config.KmsProperties;
import dev.localkms.error.ErrorCode;
import dev.localkms.error.KmsException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;

/** Reads an {@link RpcRequest} from the servlet request without letting the container parse the body. */
final class RpcRequestParser {

    private RpcRequestParser() {
    }

    /**
     * Reads the request, checking it against {@code limits} first.
     *
     * @throws KmsException {@code InvalidParameter} when the request breaks a limit, is given a parameter
     *         twice, has a malformed percent-encoding or contains U+0000
     */
    static RpcRequest parse(HttpServletRequest servletRequest, String requestId, KmsProperties.Limits limits) {
        String queryString = servletRequest.getQueryString();
        checkQueryLength(queryString, limits);
        Map<String, String> headers = headers(servletRequest, limits);
        byte[] body = readBody(servletRequest, limits);
        List<Map.Entry<String, String>> query = decodePairs(queryString);
        List<Map.Entry<String, String>> form = isForm(servletRequest.getContentType())
                ? decodePairs(new String(body, StandardCharsets.UTF_8))
                : List.of();
        checkParameters(query, form, limits);
        rejectNulCharacters(query, form);
        rejectDuplicates(query, form);
        return new RpcRequest(requestId, servletRequest.getMethod().toUpperCase(Locale.ROOT), query, form,
                headers, body, servletRequest.getRemoteAddr(), servletRequest.isSecure());
    }

    private static void checkQueryLength(String queryString, KmsProperties.Limits limits) {
        long maxLength = limits.maxQueryLength().toBytes();
        if (queryString != null && queryString.length() > maxLength) {
            throw KmsException.withMessage(ErrorCode.INVALID_PARAMETER,
                    "The query string is %d bytes long; the limit is %d bytes (kms.limits.max-query-length). Send large parameters in a form body."
                            .formatted(queryString.length(), maxLength));
        }
    }

    private static void checkParameters(List<Map.Entry<String, String>> query, List<Map.Entry<String, String>> form,
            KmsProperties.Limits limits) {
        int count = query.size() + form.size();
        if (count > limits.maxParameters()) {
            throw KmsException.withMessage(ErrorCode.INVALID_PARAMETER,
                    "The request has %d parameters; the limit is %d (kms.limits.max-parameters)."
                            .formatted(count, limits.maxParameters()));
        }
        for (List<Map.Entry<String, String>> parameters : List.of(query, form)) {
            for (Map.Entry<String, String> parameter : parameters) {
                String name = parameter.getKey();
                if (name.length() > limits.maxParameterLength()) {
                    throw KmsException.withMessage(ErrorCode.INVALID_PARAMETER,
                            "The parameter name \"%s\" is %d characters long; the limit is %d (kms.limits.max-parameter-length)."
                                    .formatted(Messages.abbreviate(name), name.length(), limits.maxParameterLength()));
                }
                // The value is not quoted, because it may be a secret such as Plaintext.
                if (parameter.getValue().length() > limits.maxParameterLength()) {
                    throw KmsException.withMessage(ErrorCode.INVALID_PARAMETER,
                            "The specified parameter \"%s\" is not valid: its value is %d characters long; the limit is %d (kms.limits.max-parameter-length)."
                                    .formatted(Messages.abbreviate(name), parameter.getValue().length(),
                                            limits.maxParameterLength()));
                }
            }
        }
    }

    /**
     * Rejects U+0000 in a parameter name or value. PostgreSQL cannot store it in a text column and no
     * parameter of these APIs needs it, so a request with it is rejected on H2 and PostgreSQL alike.
     */
    private static void rejectNulCharacters(List<Map.Entry<String, String>> query,
            List<Map.Entry<String, String>> form) {
        for (List<Map.Entry<String, String>> parameters : List.of(query, form)) {
            for (Map.Entry<String, String> parameter : parameters) {
                String name = parameter.getKey();
                if (name.indexOf('\0') >= 0) {
                    throw KmsException.withMessage(ErrorCode.INVALID_PARAMETER,
                            "The parameter name \"%s\" is not valid: it contains the character U+0000 (NUL, %%00), which no parameter name or value may contain."
                                    .formatted(Messages.abbreviate(name.replace("\0", "%00"))));
                }
                // The value is not quoted, because it may be a secret such as Plaintext.
                if (parameter.getValue().indexOf('\0') >= 0) {
                    throw KmsException.withMessage(ErrorCode.INVALID_PARAMETER,
                            "The specified parameter \"%s\" is not valid: its value contains the character U+0000 (NUL, %%00), which no parameter name or value may contain."
                                    .formatted(Messages.abbreviate(name)));
                }
            }
        }
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

    private static byte[] readBody(HttpServletRequest servletRequest, KmsProperties.Limits limits) {
        int maxBytes = (int) Math.min(limits.maxBodySize().toBytes(), Integer.MAX_VALUE - 1);
        try {
            byte[] body = servletRequest.getInputStream().readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                throw KmsException.withMessage(ErrorCode.INVALID_PARAMETER,
                        "The request body is larger than %d bytes, the limit of this service (kms.limits.max-body-size)."
                                .formatted(maxBytes));
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

    private static Map<String, String> headers(HttpServletRequest servletRequest, KmsProperties.Limits limits) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : Collections.list(servletRequest.getHeaderNames())) {
            for (String value : Collections.list(servletRequest.getHeaders(name))) {
                if (value.length() > limits.maxHeaderLength()) {
                    throw KmsException.withMessage(ErrorCode.INVALID_PARAMETER,
                            "The header \"%s\" is %d characters long; the limit is %d (kms.limits.max-header-length)."
                                    .formatted(Messages.abbreviate(name), value.length(), limits.maxHeaderLength()));
                }
            }
            headers.putIfAbsent(name.toLowerCase(Locale.ROOT), servletRequest.getHeader(name));
        }
        return Collections.unmodifiableMap(headers);
    }
}
