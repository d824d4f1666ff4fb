package dev.localkms.api;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.localkms.auth.IncomingRequest;

/**
 * One RPC call as it arrived: the method, the decoded query and form parameters, the headers and the
 * raw body.
 *
 * @param requestId the ID sent back in the reply body and the {@code x-acs-request-id} header
 * @param method HTTP method, upper case
 * @param queryParameters decoded query parameters in arrival order
 * @param formParameters decoded form-body parameters in arrival order
 * @param headers headers by lower-cased name; the first value of each
 * @param body the raw body bytes
 * @param remoteAddress the client's IP address
 * @param secure whether the request came over TLS
 */
public record RpcRequest(
        String requestId,
        String method,
        List<Map.Entry<String, String>> queryParameters,
        List<Map.Entry<String, String>> formParameters,
        Map<String, String> headers,
        byte[] body,
        String remoteAddress,
        boolean secure) implements IncomingRequest {

    /** Returns a parameter from the query string, else from the form body. */
    public Optional<String> parameter(String name) {
        return find(queryParameters, name).or(() -> find(formParameters, name));
    }

    /** Returns a header by name, case-insensitively. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** Returns the Action parameter, else the {@code x-acs-action} header. */
    public Optional<String> action() {
        return parameter("Action").filter(value -> !value.isBlank())
                .or(() -> header("x-acs-action").filter(value -> !value.isBlank()));
    }

    /** Returns the Version parameter, else the {@code x-acs-version} header. */
    public Optional<String> version() {
        return parameter("Version").filter(value -> !value.isBlank())
                .or(() -> header("x-acs-version").filter(value -> !value.isBlank()));
    }

    /** Returns the Host header as received, port included. */
    public String host() {
        return header("host").orElse("");
    }

    /** Tells whether the request is signed with the V3 {@code ACS3-HMAC-SHA256} scheme. */
    public boolean isV3Signed() {
        return header("authorization").map(value -> value.startsWith("ACS3-")).orElse(false);
    }

    /** Tells whether the reply should be XML: {@code Format=XML} in any case, and never for V3 clients. */
    public boolean wantsXml() {
        return !isV3Signed() && parameter("Format").map(value -> value.equalsIgnoreCase("XML")).orElse(false);
    }

    private static Optional<String> find(List<Map.Entry<String, String>> parameters, String name) {
        for (Map.Entry<String, String> parameter : parameters) {
            if (parameter.getKey().equals(name)) {
                return Optional.of(parameter.getValue());
            }
        }
        return Optional.empty();
    }
}
