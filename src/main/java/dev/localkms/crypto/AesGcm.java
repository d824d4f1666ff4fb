package dev.localkms.crypto;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** AES-GCM with a 12-byte IV and a 16-byte tag, shared by the blob cipher and the master key. */
final class AesGcm {

    static final int IV_BYTES = 12;
    static final int TAG_BYTES = 16;

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final SecureRandom RANDOM = new SecureRandom();

    private AesGcm() {
    }

    /** Generates {@code length} random bytes with a shared {@link SecureRandom}. */
    static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** Encrypts {@code plaintext} and returns the ciphertext followed by the tag. */
    static byte[] seal(byte[] key, byte[] iv, byte[] plaintext, byte[]... additionalData) {
        try {
            return newCipher(Cipher.ENCRYPT_MODE, key, iv, additionalData).doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /**
     * Decrypts the ciphertext-and-tag output of {@link #seal}.
     *
     * @throws AEADBadTagException when the key, IV, additional data or sealed bytes differ from
     *         those used to seal
     */
    static byte[] open(byte[] key, byte[] iv, byte[] sealed, byte[]... additionalData) throws AEADBadTagException {
        try {
            return newCipher(Cipher.DECRYPT_MODE, key, iv, additionalData).doFinal(sealed);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    private static Cipher newCipher(int mode, byte[] key, byte[] iv, byte[]... additionalData)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        try {
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BYTES * Byte.SIZE, iv));
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException(
                    "An AES key must be 16, 24 or 32 bytes long, but this one is " + key.length + " bytes", e);
        }
        for (byte[] part : additionalData) {
            cipher.updateAAD(part);
        }
        return cipher;
    }
}
