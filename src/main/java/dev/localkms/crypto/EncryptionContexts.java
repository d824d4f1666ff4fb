package dev.localkms.crypto;

import dev.localkms.error.KmsException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/** Validation of the EncryptionContext parameter and its conversion to AES-GCM additional data. */
public final class EncryptionContexts {

    /** Maximum length of the EncryptionContext JSON text, in characters. */
    public static final int MAX_LENGTH = 8192;

    private static final String PARAMETER = "EncryptionContext";
    private static final int MAX_ECHOED_CHARS = 100;

    private EncryptionContexts() {
    }

    /**
     * Validates an EncryptionContext and returns the AES-GCM additional data for it.
     *
     * <p>The additional data is the SHA-256 of the entries sorted by key and joined as
     * {@code k1=v1&k2=v2}, as Alibaba's SDKs build it. Contexts that are equal as maps give the same
     * bytes. An absent, blank or {@code {}} context is the empty map, so it gives the SHA-256 of the
     * empty string.
     *
     * @throws KmsException {@code InvalidParameter} when the text is longer than {@value #MAX_LENGTH}
     *         characters, is not JSON, is not an object, repeats a key or has a value that is not a string
     */
    public static byte[] additionalData(String encryptionContextJson) {
        return sha256(canonicalForm(parse(encryptionContextJson)));
    }

    // The object is read token by token, because a tree would keep only the last value of a
    // repeated key, and a repeated key makes map equality ambiguous.
    private static SortedMap<String, String> parse(String json) {
        SortedMap<String, String> context = new TreeMap<>();
        if (json == null || json.isBlank()) {
            return context;
        }
        if (json.length() > MAX_LENGTH) {
            throw invalid(json, "is longer than " + MAX_LENGTH + " characters");
        }

        try (JsonParser parser = JsonMapper.shared().createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw invalid(json, "is not a JSON object");
            }
            for (String key = parser.nextName(); key != null; key = parser.nextName()) {
                if (parser.nextToken() != JsonToken.VALUE_STRING) {
                    throw invalid(json, "has a value that is not a string, at key \"" + shorten(key) + "\"");
                }
                if (context.put(key, parser.getString()) != null) {
                    throw invalid(json, "repeats the key \"" + shorten(key) + "\"");
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw invalid(json, "is not valid JSON");
            }
        } catch (JacksonException e) {
            throw invalid(json, "is not valid JSON");
        }
        return context;
    }

    // Keys or values that contain '&' or '=' can give the same text for different maps, for example
    // {"a":"b&c=d"} and {"a":"b","c":"d"}. Alibaba's SDKs build the text the same way.
    private static String canonicalForm(SortedMap<String, String> context) {
        return context.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining("&"));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
    }

    private static KmsException invalid(String json, String rule) {
        return KmsException.invalidParameter(PARAMETER, shorten(json), rule);
    }

    private static String shorten(String value) {
        if (value.length() <= MAX_ECHOED_CHARS) {
            return value;
        }
        int end = MAX_ECHOED_CHARS;
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end) + "...";
    }
}
