package dev.localkms.crypto;

import dev.localkms.error.ErrorCode;
import dev.localkms.error.KmsException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** Limits and validation of the Plaintext, KeySpec and NumberOfBytes parameters. */
public final class CryptoParameters {

    /**
     * Maximum size of Encrypt's Plaintext, in UTF-8 bytes of the parameter as sent.
     *
     * <p>NOTE: Alibaba documents "6 KB" but not how it is measured. The service does not Base64-decode
     * Plaintext, so the bytes of the text itself are counted.
     */
    public static final int MAX_PLAINTEXT_BYTES = 6144;

    public static final int MIN_NUMBER_OF_BYTES = 1;
    public static final int MAX_NUMBER_OF_BYTES = 1024;

    /** Data key length when neither KeySpec nor NumberOfBytes is given: AES-256. */
    public static final int DEFAULT_DATA_KEY_BYTES = 32;

    private CryptoParameters() {
    }

    /**
     * Returns the bytes that Encrypt encrypts: the UTF-8 bytes of Plaintext as sent.
     *
     * @throws KmsException {@code InvalidParameter} when they are more than {@value #MAX_PLAINTEXT_BYTES}
     */
    public static byte[] plaintextBytes(String plaintext) {
        Objects.requireNonNull(plaintext, "plaintext");
        byte[] bytes = plaintext.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_PLAINTEXT_BYTES) {
            // The message gives only the size, because the value is secret.
            String message = "The specified parameter \"Plaintext\" is not valid:"
                    + " it is %d bytes in UTF-8, more than the maximum of %d bytes.";
            throw KmsException.withMessage(ErrorCode.INVALID_PARAMETER,
                    message.formatted(bytes.length, MAX_PLAINTEXT_BYTES));
        }
        return bytes;
    }

    /**
     * Returns the data key length in bytes for GenerateDataKey and GenerateDataKeyWithoutPlaintext.
     *
     * <p>NumberOfBytes wins when both are given, and KeySpec is then ignored without being checked.
     * A null or blank value counts as absent.
     *
     * @param keySpec {@code AES_256} (32 bytes) or {@code AES_128} (16 bytes)
     * @param numberOfBytes an integer from {@value #MIN_NUMBER_OF_BYTES} to {@value #MAX_NUMBER_OF_BYTES}
     * @throws KmsException {@code InvalidParameter} naming the parameter that breaks its rule
     */
    public static int dataKeyLength(String keySpec, String numberOfBytes) {
        if (isPresent(numberOfBytes)) {
            return parseNumberOfBytes(numberOfBytes);
        }
        if (!isPresent(keySpec)) {
            return DEFAULT_DATA_KEY_BYTES;
        }
        return switch (keySpec) {
            case "AES_256" -> 32;
            case "AES_128" -> 16;
            default -> throw KmsException.invalidParameter("KeySpec", keySpec, "must be AES_256 or AES_128");
        };
    }

    private static int parseNumberOfBytes(String value) {
        String rule = "must be an integer from %d to %d".formatted(MIN_NUMBER_OF_BYTES, MAX_NUMBER_OF_BYTES);
        int length;
        try {
            length = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw KmsException.invalidParameter("NumberOfBytes", value, rule);
        }
        if (length < MIN_NUMBER_OF_BYTES || length > MAX_NUMBER_OF_BYTES) {
            throw KmsException.invalidParameter("NumberOfBytes", value, rule);
        }
        return length;
    }

    private static boolean isPresent(String value) {
        return value != null && !value.isBlank();
    }
}
