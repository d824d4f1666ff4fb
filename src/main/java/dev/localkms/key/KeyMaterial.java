package dev.localkms.key;

import java.util.Arrays;

/**
 * The clear material of one key version, lent to a single crypto operation.
 *
 * <p>The array is not copied, so {@link #erase()} clears the only copy. Callers erase it once the
 * operation is done and never log or keep it.
 *
 * @param keyId the ID of the key that owns the version
 * @param keyVersionId the version ID, which a CiphertextBlob starts with
 * @param material the AES key bytes
 */
public record KeyMaterial(String keyId, String keyVersionId, byte[] material) {

    /** Overwrites the material with zeros. */
    public void erase() {
        Arrays.fill(material, (byte) 0);
    }

    @Override
    public String toString() {
        return "KeyMaterial[keyId=" + keyId + ", keyVersionId=" + keyVersionId + ", material=(hidden)]";
    }
}
