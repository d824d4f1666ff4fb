package dev.localkms.auth.signature;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** V3 signature {@code ACS3-HMAC-SHA256} over the method, query, chosen headers and body of a request. */
public final class Acs3Signature {

    /** Algorithm name that starts the {@code Authorization} header and the string to sign. */
    public static final String ALGORITHM = "ACS3-HMAC-SHA256";

    private static final HexFormat HEX = HexFormat.of();

    private Acs3Signature() {
    }

    /**
     * Builds the canonical request, one item per line: method, {@code /}, canonical query, one
     * {@code name:value} line per signed header followed by an empty line, the signed header names
     * joined by {@code ;}, and the hex SHA-256 of the body.
     *
     * <p>The query is rebuilt from the decoded parameters, because clients encode it differently on
     * the wire but all sign the RFC 3986 form. The body hash is computed from the raw bytes, never
     * taken from the {@code x-acs-content-sha256} header, so that the signature covers the body.
     *
     * @param signedHeaders lower-cased header names in the order the client signed them
     */
    public static String canonicalRequest(SignedRequest request, List<String> signedHeaders) {
        String canonicalHeaders = signedHeaders.stream()
                .map(name -> name + ":" + request.header(name).orElse("").trim() + "\n")
                .collect(Collectors.joining());
        return String.join("\n",
                request.method(),
                "/",
                PercentEncoding.canonicalQuery(request.queryParameters()),
                canonicalHeaders,
                String.join(";", signedHeaders),
                HEX.formatHex(sha256(request.body())));
    }

    /** Builds the string to sign: the algorithm name, a line break and the hex SHA-256 of the canonical request. */
    public static String stringToSign(String canonicalRequest) {
        return ALGORITHM + "\n" + HEX.formatHex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
    }

    /** Signs the string with the access key secret: lowercase hex of HMAC-SHA256 keyed by the secret alone. */
    public static String sign(String stringToSign, String secret) {
        return HEX.formatHex(Hmac.compute("HmacSHA256", secret.getBytes(StandardCharsets.UTF_8), stringToSign));
    }

    /**
     * Returns the headers that clients sign when they do not list them: every {@code x-acs-*} header,
     * {@code host} and {@code content-type} that the request has, sorted by name.
     */
    public static List<String> defaultSignedHeaders(Map<String, String> headers) {
        return headers.keySet().stream()
                .map(name -> name.toLowerCase(Locale.ROOT))
                .filter(name -> name.startsWith("x-acs-") || name.equals("host") || name.equals("content-type"))
                .sorted()
                .toList();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The Java runtime cannot compute SHA-256", e);
        }
    }
}
