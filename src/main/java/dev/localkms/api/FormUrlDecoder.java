package dev.localkms.api;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import dev.localkms.common.Messages;
import dev.localkms.error.ErrorCode;
import dev.localkms.error.KmsException;

/**
 * Decodes {@code name=value&name=value} pairs of a query string or an
 * {@code application/x-www-form-urlencoded} body: {@code +} is a space, {@code %XX} is one byte, and the
 * bytes of each name and value must be valid UTF-8. Nothing is replaced silently, so a value that would
 * change on decoding is rejected instead. Error messages name the parameter but never quote its value,
 * since the value may be a plaintext.
 */
final class FormUrlDecoder {

    private FormUrlDecoder() {
    }

    /**
     * Decodes the pairs in {@code encoded} and skips empty ones. A pair without {@code =} has an empty value.
     *
     * @throws KmsException {@code InvalidParameter} for a malformed percent-encoding or invalid UTF-8
     */
    static List<Map.Entry<String, String>> decodePairs(byte[] encoded) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        int start = 0;
        while (start < encoded.length) {
            int end = indexOf(encoded, (byte) '&', start, encoded.length);
            if (end > start) {
                int equals = indexOf(encoded, (byte) '=', start, end);
                String name = decode(encoded, start, equals, null);
                String value = equals < end ? decode(encoded, equals + 1, end, name) : "";
                pairs.add(Map.entry(name, value));
            }
            start = end + 1;
        }
        return Collections.unmodifiableList(pairs);
    }

    /** Returns the index of {@code target} in {@code bytes[from, to)}, or {@code to} when it is not there. */
    private static int indexOf(byte[] bytes, byte target, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == target) {
                return i;
            }
        }
        return to;
    }

    /**
     * Decodes {@code encoded[from, to)}, the name of a parameter when {@code parameterName} is null, else the
     * value of {@code parameterName}.
     */
    private static String decode(byte[] encoded, int from, int to, String parameterName) {
        byte[] decoded = new byte[to - from];
        int length = 0;
        for (int i = from; i < to; i++) {
            byte current = encoded[i];
            if (current == '+') {
                decoded[length++] = ' ';
            } else if (current == '%') {
                int high = i + 1 < to ? Character.digit(encoded[i + 1], 16) : -1;
                int low = i + 2 < to ? Character.digit(encoded[i + 2], 16) : -1;
                if (high < 0 || low < 0) {
                    throw malformedEscape(encoded, i, to, i - from, parameterName);
                }
                decoded[length++] = (byte) (high << 4 | low);
                i += 2;
            } else {
                decoded[length++] = current;
            }
        }
        return utf8(ByteBuffer.wrap(decoded, 0, length), parameterName);
    }

    private static String utf8(ByteBuffer bytes, String parameterName) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(bytes).toString();
        } catch (CharacterCodingException e) {
            // The decoder stops at the first byte that does not start or continue a valid sequence.
            String problem = "is not valid UTF-8: the byte at offset %d of its percent-decoded bytes is not part of a valid sequence. Percent-encode the UTF-8 bytes of the text."
                    .formatted(bytes.position());
            throw KmsException.withMessage(ErrorCode.INVALID_PARAMETER, parameterName == null
                    ? "A parameter name " + problem
                    : "The specified parameter \"%s\" is not valid: its value %s".formatted(
                            Messages.abbreviate(parameterName), problem));
        }
    }

    private static KmsException malformedEscape(byte[] encoded, int escapeStart, int end, int offset,
            String parameterName) {
        String escape = new String(encoded, escapeStart, Math.min(3, end - escapeStart), StandardCharsets.ISO_8859_1);
        String problem = "has a malformed percent-encoding \"%s\" at offset %d: a %% must be followed by two hexadecimal digits. Send a literal %% as %%25."
                .formatted(escape, offset);
        return KmsException.withMessage(ErrorCode.INVALID_PARAMETER, parameterName == null
                ? "A parameter name " + problem
                : "The specified parameter \"%s\" is not valid: its value %s".formatted(
                        Messages.abbreviate(parameterName), problem));
    }
}
