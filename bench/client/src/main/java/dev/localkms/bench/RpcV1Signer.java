package dev.localkms.bench;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs GET requests with the RPC signature version 1.0 (HMAC-SHA1): the parameters, sorted by name
 * and percent-encoded, form the canonical query string, and the string to sign is
 * {@code GET&%2F&} followed by that string percent-encoded once more. The HMAC key is the access key
 * secret followed by {@code &}. One instance belongs to one thread.
 */
final class RpcV1Signer {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final Mac mac;
    private String currentSecret;

    RpcV1Signer() {
        try {
            mac = Mac.getInstance("HmacSHA1");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is not available in this JDK", e);
        }
    }

    /**
     * Returns the path and query of a signed GET request to {@code /} that runs {@code action} with
     * {@code apiParameters}, adding the common parameters and a random nonce.
     */
    String signedPath(String action, Map<String, String> apiParameters, Credentials credentials) {
        Map<String, String> parameters = new TreeMap<>(apiParameters);
        parameters.put("Action", action);
        parameters.put("Version", "2016-01-20");
        parameters.put("Format", "JSON");
        parameters.put("AccessKeyId", credentials.accessKeyId());
        parameters.put("SignatureMethod", "HMAC-SHA1");
        parameters.put("SignatureVersion", "1.0");
        parameters.put("SignatureNonce", randomNonce());
        parameters.put("Timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());

        StringBuilder canonical = new StringBuilder(256);
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            if (canonical.length() > 0) {
                canonical.append('&');
            }
            percentEncode(parameter.getKey(), canonical);
            canonical.append('=');
            percentEncode(parameter.getValue(), canonical);
        }
        StringBuilder stringToSign = new StringBuilder(canonical.length() * 2).append("GET&%2F&");
        percentEncode(canonical.toString(), stringToSign);

        StringBuilder path = new StringBuilder(canonical.length() + 64).append("/?").append(canonical)
                .append("&Signature=");
        percentEncode(sign(stringToSign.toString(), credentials.secret()), path);
        return path.toString();
    }

    /** Returns the Base64 HMAC-SHA1 of {@code stringToSign} under {@code secret + "&"}. */
    String sign(String stringToSign, String secret) {
        try {
            if (!secret.equals(currentSecret)) {
                mac.init(new SecretKeySpec((secret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
                currentSecret = secret;
            }
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA1 signing failed", e);
        }
    }

    /**
     * Appends {@code value} in the encoding both signature versions use: UTF-8 bytes, with only
     * {@code A-Z a-z 0-9 - _ . ~} left as they are and every other byte written as {@code %XX}.
     */
    static void percentEncode(String value, StringBuilder out) {
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            boolean unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~';
            if (unreserved) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
    }

    private static String randomNonce() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
    }

    /** An access key ID and its secret. */
    record Credentials(String accessKeyId, String secret) {
    }
}
