package dev.localkms.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.localkms.auth.signature.RpcV1Signature;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends KMS RPC calls over plain HTTP to instances on 127.0.0.1, signed with signature V1 by the default
 * account's root key, or unsigned. Unlike the SDK clients it keeps no per-host connection limit, so a
 * thread pool of any size sends that many requests at once.
 */
final class RpcClient {

    static final String ACCESS_KEY_ID = "LTAI5tLocalKmsRootKey00";
    static final String SECRET = "LocalKmsRootSecret000000000000";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String regionId;

    RpcClient(String regionId) {
        this.regionId = regionId;
    }

    /** Sends a signed call with a fresh nonce and the current time. */
    Reply call(int port, String action, Map<String, String> parameters) {
        return send(port, signedQuery(action, parameters, UUID.randomUUID().toString()));
    }

    /** Sends an unsigned call, which lenient mode runs as the default account's root. */
    Reply callUnsigned(int port, String action, Map<String, String> parameters) throws IOException {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Action", action);
        all.put("Version", "2016-01-20");
        all.put("Format", "JSON");
        all.put("RegionId", regionId);
        all.putAll(parameters);
        return sendOrThrow(port, encode(new ArrayList<>(all.entrySet())));
    }

    /** Builds the query string of a signed call with the given nonce. */
    String signedQuery(String action, Map<String, String> parameters, String nonce) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Action", action);
        all.put("Version", "2016-01-20");
        all.put("Format", "JSON");
        all.put("RegionId", regionId);
        all.put("AccessKeyId", ACCESS_KEY_ID);
        all.put("SignatureMethod", "HMAC-SHA1");
        all.put("SignatureVersion", "1.0");
        all.put("SignatureNonce", nonce);
        all.put("Timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        all.putAll(parameters);
        List<Map.Entry<String, String>> entries = new ArrayList<>(all.entrySet());
        String signature = RpcV1Signature.sign(RpcV1Signature.stringToSign("GET", entries, true), SECRET);
        entries.add(Map.entry(RpcV1Signature.SIGNATURE_PARAMETER, signature));
        return encode(entries);
    }

    /** Sends {@code GET /?query} and reads the JSON reply. */
    Reply send(int port, String query) {
        try {
            return sendOrThrow(port, query);
        } catch (IOException e) {
            throw new UncheckedIOException("Request to 127.0.0.1:" + port + " failed", e);
        }
    }

    private Reply sendOrThrow(int port, String query) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/?" + query))
                .timeout(REQUEST_TIMEOUT)
                .GET()
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), JSON.readTree(response.body()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting for 127.0.0.1:" + port, e);
        }
    }

    private static String encode(List<Map.Entry<String, String>> parameters) {
        return parameters.stream()
                .map(parameter -> UriUtils.encode(parameter.getKey(), StandardCharsets.UTF_8) + "="
                        + UriUtils.encode(parameter.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /**
     * A reply: the HTTP status and the JSON body.
     *
     * @param status HTTP status
     * @param body the parsed JSON body
     */
    record Reply(int status, JsonNode body) {

        boolean ok() {
            return status == 200;
        }

        /** Returns the error {@code Code}, or {@code OK} for a successful reply. */
        String code() {
            return ok() ? "OK" : body.path("Code").asString("none");
        }
    }
}
