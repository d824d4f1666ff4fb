package dev.localkms.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;

/**
 * Ciphertext of Encrypt and GenerateDataKey: the key version ID, the IV and the AES-GCM output.
 *
 * <p>On the wire it is standard Base64 of the version ID as 36 ASCII bytes, then the 12-byte IV, then
 * the ciphertext and its 16-byte tag. Alibaba's KMS SDKs for Go and Java read and write the same layout.
 * A blob is therefore 64 bytes longer than its plaintext.
 *
 * @param keyVersionId version ID as a lower-case UUID
 * @param iv 12-byte GCM initialisation vector
 * @param sealed ciphertext followed by the 16-byte GCM tag
 */
public record CiphertextBlob(String keyVersionId, byte[] iv, byte[] sealed) {

    public static final int KEY_VERSION_ID_BYTES = 36;
    public static final int MIN_BYTES = KEY_VERSION_ID_BYTES + AesGcm.IV_BYTES + AesGcm.TAG_BYTES;

    public CiphertextBlob {
        Objects.requireNonNull(keyVersionId, "keyVersionId");
        Objects.requireNonNull(iv, "iv");
        Objects.requireNonNull(sealed, "sealed");
        if (!isKeyVersionId(keyVersionId)) {
            throw new IllegalArgumentException("keyVersionId must be a lower-case UUID: " + keyVersionId);
        }
        if (iv.length != AesGcm.IV_BYTES) {
            throw new IllegalArgumentException("iv must be " + AesGcm.IV_BYTES + " bytes, not " + iv.length);
        }
        if (sealed.length < AesGcm.TAG_BYTES) {
            throw new IllegalArgumentException(
                    "sealed must be at least the " + AesGcm.TAG_BYTES + "-byte tag, not " + sealed.length + " bytes");
        }
        iv = iv.clone();
        sealed = sealed.clone();
    }

    /**
     * Parses a blob as sent to Decrypt.
     *
     * @throws dev.localkms.error.KmsException {@link CiphertextErrors#invalidCiphertext} when the value
     *         is not Base64, is shorter than {@value #MIN_BYTES} bytes or does not start with a version ID
     */
    public static CiphertextBlob decode(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64 == null ? "" : base64);
        } catch (IllegalArgumentException e) {
            throw CiphertextErrors.invalidCiphertext("it is not Base64");
        }
        if (bytes.length < MIN_BYTES) {
            throw CiphertextErrors.invalidCiphertext(
                    "it is " + bytes.length + " bytes long, shorter than the minimum of " + MIN_BYTES + " bytes");
        }

        String keyVersionId = new String(bytes, 0, KEY_VERSION_ID_BYTES, StandardCharsets.US_ASCII);
        if (!isKeyVersionId(keyVersionId)) {
            throw CiphertextErrors.invalidCiphertext("it does not start with a key version ID");
        }

        int ivEnd = KEY_VERSION_ID_BYTES + AesGcm.IV_BYTES;
        return new CiphertextBlob(keyVersionId,
                Arrays.copyOfRange(bytes, KEY_VERSION_ID_BYTES, ivEnd),
                Arrays.copyOfRange(bytes, ivEnd, bytes.length));
    }

    /** Encodes the blob as the Base64 text that Encrypt and GenerateDataKey return. */
    public String encode() {
        ByteBuffer bytes = ByteBuffer.allocate(KEY_VERSION_ID_BYTES + iv.length + sealed.length)
                .put(keyVersionId.getBytes(StandardCharsets.US_ASCII))
                .put(iv)
                .put(sealed);
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    @Override
    public byte[] iv() {
        return iv.clone();
    }

    @Override
    public byte[] sealed() {
        return sealed.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CiphertextBlob blob
                && keyVersionId.equals(blob.keyVersionId)
                && Arrays.equals(iv, blob.iv)
                && Arrays.equals(sealed, blob.sealed);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * keyVersionId.hashCode() + Arrays.hashCode(iv)) + Arrays.hashCode(sealed);
    }

    @Override
    public String toString() {
        return "CiphertextBlob[keyVersionId=" + keyVersionId + ", sealed=" + sealed.length + " bytes]";
    }

    /** Checks that the value is a UUID in the lower-case form that {@link UUID#toString()} produces. */
    static boolean isKeyVersionId(String value) {
        if (value.length() != KEY_VERSION_ID_BYTES) {
            return false;
        }
        try {
            return UUID.fromString(value).toString().equals(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
