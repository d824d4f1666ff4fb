package dev.localkms.auth.signature;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The parts of an HTTP request that Alibaba Cloud signatures cover.
 *
 * <p>The RPC API is served only on path {@code /}, so the path is not part of the record. The host
 * is read from the {@code host} header.
 *
 * @param method HTTP method as received, for example {@code POST}
 * @param queryParameters query parameters in arrival order, already URL-decoded
 * @param formParameters parameters of an {@code application/x-www-form-urlencoded} body in arrival
 *     order, already decoded with {@code +} read as a space; empty for any other body
 * @param headers headers keyed by lower-cased name, with the first value of each
 * @param body raw body bytes as received, before any form parsing
 */
public record SignedRequest(
        String method,
        List<Map.Entry<String, String>> queryParameters,
        List<Map.Entry<String, String>> formParameters,
        Map<String, String> headers,
        byte[] body) {

    private static final byte[] EMPTY_BODY = new byte[0];

    public SignedRequest {
        Objects.requireNonNull(method, "method");
        queryParameters = copyOf(queryParameters);
        formParameters = copyOf(formParameters);
        headers = lowerCaseNames(headers);
        body = body == null ? EMPTY_BODY : body.clone();
    }

    /** Returns a copy of the raw body bytes. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** Returns the value of a header, looked up by name in any case. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** Returns the first value of a parameter, looking in the query before the form body. */
    public Optional<String> parameter(String name) {
        // Loops without streams, because the authenticator reads about six parameters of every signed request.
        for (Map.Entry<String, String> parameter : queryParameters) {
            if (parameter.getKey().equals(name)) {
                return Optional.of(parameter.getValue());
            }
        }
        for (Map.Entry<String, String> parameter : formParameters) {
            if (parameter.getKey().equals(name)) {
                return Optional.of(parameter.getValue());
            }
        }
        return Optional.empty();
    }

    /** Returns the query parameters followed by the form parameters. */
    public List<Map.Entry<String, String>> queryAndFormParameters() {
        return allParameters().toList();
    }

    /** Describes the request by parameter and header names only, because their values include the signature. */
    @Override
    public String toString() {
        return "SignedRequest[method=%s, queryParameters=%s, formParameters=%s, headers=%s, body=%d bytes]".formatted(
                method, names(queryParameters), names(formParameters), headers.keySet(), body.length);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignedRequest that
                && method.equals(that.method)
                && queryParameters.equals(that.queryParameters)
                && formParameters.equals(that.formParameters)
                && headers.equals(that.headers)
                && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        int result = method.hashCode();
        result = 31 * result + queryParameters.hashCode();
        result = 31 * result + formParameters.hashCode();
        result = 31 * result + headers.hashCode();
        return 31 * result + Arrays.hashCode(body);
    }

    private Stream<Map.Entry<String, String>> allParameters() {
        return Stream.concat(queryParameters.stream(), formParameters.stream());
    }

    private static List<Map.Entry<String, String>> copyOf(List<Map.Entry<String, String>> parameters) {
        if (parameters == null) {
            return List.of();
        }
        return parameters.stream()
                .map(parameter -> Map.entry(parameter.getKey(), parameter.getValue()))
                .toList();
    }

    private static Map<String, String> lowerCaseNames(Map<String, String> headers) {
        Map<String, String> copy = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach((name, value) -> copy.putIfAbsent(name.toLowerCase(Locale.ROOT), value));
        }
        return Collections.unmodifiableMap(copy);
    }

    private static List<String> names(List<Map.Entry<String, String>> parameters) {
        return parameters.stream().map(Map.Entry::getKey).toList();
    }
}
