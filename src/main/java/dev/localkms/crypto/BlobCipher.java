package dev.localkms.crypto;

import java.nio.charset.StandardCharsets;
import javax.crypto.AEADBadTagException;

/** Encrypts plaintext under the key material of one key version into a {@link CiphertextBlob}, and back. */
public final class BlobCipher {

    /** Length of a key version's material: AES-256. */
    public static final int KEY_MATERIAL_BYTES = 32;

    private BlobCipher() {
    }

    /** Generates random material for a new key version. */
    public static byte[] newKeyMaterial() {
        return AesGcm.randomBytes(KEY_MATERIAL_BYTES);
    }

    /**
     * Encrypts {@code plaintext} with AES-256-GCM and a fresh random IV.
     *
     * @param additionalData the output of {@link EncryptionContexts#additionalData}
     */
    public static CiphertextBlob encrypt(String keyVersionId, byte[] keyMaterial, byte[] plaintext,
            byte[] additionalData) {
        byte[] iv = AesGcm.randomBytes(AesGcm.IV_BYTES);
        byte[] sealed = AesGcm.seal(keyMaterial, iv, plaintext, versionIdBytes(keyVersionId), additionalData);
        return new CiphertextBlob(keyVersionId, iv, sealed);
    }

    /**
     * Decrypts a blob made by {@link #encrypt}.
     *
     * @throws dev.localkms.error.KmsException {@link CiphertextErrors#invalidCiphertext} when any byte
     *         of the blob was changed, or the key material or EncryptionContext differs from encryption
     */
    public static byte[] decrypt(CiphertextBlob blob, byte[] keyMaterial, byte[] additionalData) {
        try {
            return AesGcm.open(keyMaterial, blob.iv(), blob.sealed(),
                    versionIdBytes(blob.keyVersionId()), additionalData);
        } catch (AEADBadTagException e) {
            throw CiphertextErrors.invalidCiphertext(
                    "it is corrupted, or the EncryptionContext is not the one it was encrypted with");
        }
    }

    // The version ID is authenticated along with the context, so a blob whose prefix is rewritten to
    // name another version fails to decrypt even if that version had the same material.
    private static byte[] versionIdBytes(String keyVersionId) {
        return keyVersionId.getBytes(StandardCharsets.US_ASCII);
    }
}
