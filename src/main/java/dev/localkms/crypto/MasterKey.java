package dev.localkms.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.AEADBadTagException;

/** AES-256 key that wraps each key version's material before it is stored. */
public final class MasterKey {

    public static final int KEY_BYTES = 32;

    private final byte[] key;

    private MasterKey(byte[] key) {
        this.key = key;
    }

    /**
     * Reads a master key from configuration.
     *
     * @throws IllegalArgumentException when the text is not Base64 of exactly {@value #KEY_BYTES} bytes;
     *         the message never contains the text
     */
    public static MasterKey fromBase64(String base64) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalArgumentException("The master key is missing: set it to the Base64 of 32 random bytes");
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            // The JDK's message names the offending character, which is part of the key, so it is dropped.
            throw new IllegalArgumentException("The master key is not valid Base64");
        }
        if (decoded.length != KEY_BYTES) {
            throw new IllegalArgumentException(
                    "The master key must be the Base64 of exactly %d bytes (AES-256), but it decodes to %d bytes"
                            .formatted(KEY_BYTES, decoded.length));
        }
        return new MasterKey(decoded);
    }

    /** Generates a random master key. */
    public static MasterKey generate() {
        return new MasterKey(AesGcm.randomBytes(KEY_BYTES));
    }

    /** Returns the key as standard Base64, the form {@link #fromBase64} reads. */
    public String toBase64() {
        return Base64.getEncoder().encodeToString(key);
    }

    /**
     * Encrypts a key version's material with AES-256-GCM and a random IV.
     *
     * <p>The version ID is the additional data, so a wrapped value copied to another version does not
     * unwrap.
     *
     * @return the IV followed by the ciphertext and its tag
     */
    public byte[] wrap(byte[] keyMaterial, String keyVersionId) {
        byte[] iv = AesGcm.randomBytes(AesGcm.IV_BYTES);
        byte[] sealed = AesGcm.seal(key, iv, keyMaterial, additionalData(keyVersionId));
        return ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
    }

    /**
     * Decrypts the output of {@link #wrap} for the same version ID.
     *
     * @throws IllegalStateException when this master key did not wrap the value for this version, or
     *         the stored value is corrupted
     */
    public byte[] unwrap(byte[] wrapped, String keyVersionId) {
        if (wrapped.length < AesGcm.IV_BYTES + AesGcm.TAG_BYTES) {
            throw new IllegalStateException(
                    "The stored key material of key version %s is %d bytes, too short to unwrap"
                            .formatted(keyVersionId, wrapped.length));
        }
        byte[] iv = Arrays.copyOfRange(wrapped, 0, AesGcm.IV_BYTES);
        byte[] sealed = Arrays.copyOfRange(wrapped, AesGcm.IV_BYTES, wrapped.length);
        try {
            return AesGcm.open(key, iv, sealed, additionalData(keyVersionId));
        } catch (AEADBadTagException e) {
            String message = "Failed to unwrap the key material of key version %s: the configured master key"
                    + " is not the one that wrapped it, or the stored value is corrupted";
            throw new IllegalStateException(message.formatted(keyVersionId), e);
        }
    }

    @Override
    public String toString() {
        return "MasterKey[AES-256, value hidden]";
    }

    private static byte[] additionalData(String keyVersionId) {
        return Objects.requireNonNull(keyVersionId, "keyVersionId").getBytes(StandardCharsets.UTF_8);
    }
}
