package dev.localkms.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Data key made by GenerateDataKey.
 *
 * @param plaintext Base64 text of the random key bytes, returned as GenerateDataKey's Plaintext
 * @param ciphertextBlob that Base64 text encrypted under a key version
 */
public record DataKey(String plaintext, CiphertextBlob ciphertextBlob) {

    /**
     * Generates {@code length} random bytes and encrypts their Base64 text.
     *
     * <p>The Base64 text is encrypted, not the raw bytes, so Decrypt of the blob returns the same
     * string as GenerateDataKey's Plaintext. Alibaba's SDKs do the same.
     *
     * @param length from {@value CryptoParameters#MIN_NUMBER_OF_BYTES} to
     *        {@value CryptoParameters#MAX_NUMBER_OF_BYTES}, as {@link CryptoParameters#dataKeyLength} returns
     * @param additionalData the output of {@link EncryptionContexts#additionalData}
     */
    public static DataKey generate(String keyVersionId, byte[] keyMaterial, int length, byte[] additionalData) {
        if (length < CryptoParameters.MIN_NUMBER_OF_BYTES || length > CryptoParameters.MAX_NUMBER_OF_BYTES) {
            throw new IllegalArgumentException("Data key length must be from %d to %d bytes, not %d".formatted(
                    CryptoParameters.MIN_NUMBER_OF_BYTES, CryptoParameters.MAX_NUMBER_OF_BYTES, length));
        }
        String plaintext = Base64.getEncoder().encodeToString(AesGcm.randomBytes(length));
        CiphertextBlob blob = BlobCipher.encrypt(keyVersionId, keyMaterial,
                plaintext.getBytes(StandardCharsets.US_ASCII), additionalData);
        return new DataKey(plaintext, blob);
    }

    @Override
    public String toString() {
        return "DataKey[plaintext=(hidden), ciphertextBlob=" + ciphertextBlob + "]";
    }
}
