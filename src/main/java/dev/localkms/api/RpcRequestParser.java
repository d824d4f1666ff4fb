package dev.localkms.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.localkms.common.Messages;
import dev.localkms.config.KmsProperties;
import dev.localkms.config.UnreadBodyValve;
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
        // Tomcat rejects a raw byte above 0x7F in the request line, so the query string is ASCII.
        List<Map.Entry<String, String>> query = queryString == null ? List.of()
                : FormUrlDecoder.decodePairs(queryString.getBytes(StandardCharsets.ISO_8859_1));
        List<Map.Entry<String, String>> form = isForm(servletRequest.getContentType())
                ? FormUrlDecoder.decodePairs(body)
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

    /**
     * Reads the body, up to one byte over the size limit. A client that sends nothing for
     * {@code server.tomcat.connection-timeout} fails the read; one that keeps sending too slowly fails at
     * {@code kms.limits.body-read-timeout}. Either way the connection is closed after the reply, instead of
     * Tomcat reading the rest of the body first.
     */
    private static byte[] readBody(HttpServletRequest servletRequest, KmsProperties.Limits limits) {
        int maxBytes = (int) Math.min(limits.maxBodySize().toBytes(), Integer.MAX_VALUE - 1);
        long contentLength = servletRequest.getContentLengthLong();
        if (contentLength > maxBytes) {
            // Rejected before the first read, so Tomcat sends no 100 Continue and the client need not send
            // the body. The connection is closed rather than drained.
            servletRequest.setAttribute(UnreadBodyValve.CLOSE_CONNECTION_ATTRIBUTE, Boolean.TRUE);
            throw bodyTooLarge(maxBytes);
        }
        Duration timeout = limits.bodyReadTimeout();
        long start = System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            InputStream in = servletRequest.getInputStream();
            while (body.size() <= maxBytes) {
                int read = in.read(buffer, 0, Math.min(buffer.length, maxBytes + 1 - body.size()));
                if (read < 0) {
                    break;
                }
                body.write(buffer, 0, read);
                boolean complete = contentLength >= 0 && body.size() >= contentLength;
                if (!complete && System.nanoTime() - start > timeout.toNanos()) {
                    servletRequest.setAttribute(UnreadBodyValve.CLOSE_CONNECTION_ATTRIBUTE, Boolean.TRUE);
                    throw KmsException.withMessage(ErrorCode.INVALID_PARAMETER,
                            "The request body was not received in time: %d bytes arrived in %d ms, and the whole body must arrive within %d ms (kms.limits.body-read-timeout)."
                                    .formatted(body.size(), Duration.ofNanos(System.nanoTime() - start).toMillis(),
                                            timeout.toMillis()));
                }
            }
        } catch (IOException e) {
            servletRequest.setAttribute(UnreadBodyValve.CLOSE_CONNECTION_ATTRIBUTE, Boolean.TRUE);
            throw KmsException.withMessage(ErrorCode.INVALID_PARAMETER,
                    "The request body could not be read: " + e.getMessage());
        }
        if (body.size() > maxBytes) {
            throw bodyTooLarge(maxBytes);
        }
        return body.toByteArray();
    }

    private static KmsException bodyTooLarge(int maxBytes) {
        return KmsException.withMessage(ErrorCode.INVALID_PARAMETER,
                "The request body is larger than %d bytes, the limit of this service (kms.limits.max-body-size)."
                        .formatted(maxBytes));
    }

    /**
     * Tells whether the body is a form to decode.
     *
     * @throws KmsException {@code InvalidParameter} for a form that declares a charset other than UTF-8 or
     *         its subset US-ASCII, because the API reads parameters as UTF-8 only
     */
    private static boolean isForm(String contentType) {
        if (contentType == null) {
            return false;
        }
        MediaType mediaType;
        try {
            mediaType = MediaType.parseMediaType(contentType);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (!MediaType.APPLICATION_FORM_URLENCODED.includes(mediaType)) {
            return false;
        }
        String charset = mediaType.getParameter("charset");
        if (charset != null && !isUtf8(charset)) {
            throw KmsException.withMessage(ErrorCode.INVALID_PARAMETER,
                    "The form body's charset \"%s\" is not supported: this API reads parameters as UTF-8 only. Send the body in UTF-8 with charset=UTF-8 or no charset."
                            .formatted(Messages.abbreviate(charset)));
        }
        return true;
    }

    private static boolean isUtf8(String charsetName) {
        try {
            Charset charset = Charset.forName(charsetName.replace("\"", ""));
            return charset.equals(StandardCharsets.UTF_8) || charset.equals(StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            // Covers both an illegal and an unsupported charset name.
            return false;
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
