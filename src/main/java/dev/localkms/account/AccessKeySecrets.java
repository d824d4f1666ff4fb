package dev.localkms.account;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.localkms.crypto.MasterKeyProvider;
import org.springframework.stereotype.Component;

/**
 * Encrypts access key secrets for storage and decrypts them for signature checks.
 *
 * <p>The secrets are encrypted, not hashed: V1 (HMAC-SHA1) and V3 (HMAC-SHA256) signatures are keyed by
 * the secret itself, so verifying one needs the secret in clear, and a hash would not do. Each secret is
 * sealed with AES-256-GCM under the master key that also wraps key material, with the access key ID as
 * additional data, so a stored value copied to another access key does not decrypt. A stored value
 * without the {@value #PREFIX} prefix is a plaintext secret of an earlier version, which
 * {@link AccessKeySecretEncryption} encrypts at start-up.
 */
@Component
public class AccessKeySecrets {

    /** Start of every encrypted value; Base64 of the IV, ciphertext and tag follows. */
    static final String PREFIX = "enc:v1:";

    /** Maximum number of decrypted secrets kept. The cache is emptied when it reaches this. */
    private static final int MAX_CACHED = 10_000;

    private final MasterKeyProvider masterKeys;
    /**
     * Secrets already decrypted, by access key ID and stored value. Every signed request needs its key's
     * secret, and a value that changes is a new entry, so an entry can never be stale.
     */
    private final Map<StoredSecret, String> decrypted = new ConcurrentHashMap<>();

    AccessKeySecrets(MasterKeyProvider masterKeys) {
        this.masterKeys = masterKeys;
    }

    /** Returns the stored form of {@code secret} for the access key {@code accessKeyId}. */
    public String encrypt(String accessKeyId, String secret) {
        byte[] sealed = masterKeys.masterKey().wrap(secret.getBytes(StandardCharsets.UTF_8), context(accessKeyId));
        return PREFIX + Base64.getEncoder().encodeToString(sealed);
    }

    /**
     * Returns the secret of a stored value, which may still be plaintext from an earlier version.
     *
     * @throws IllegalStateException when the master key did not encrypt the value, or the value is corrupted
     */
    public String decrypt(String accessKeyId, String stored) {
        if (!isEncrypted(stored)) {
            return stored;
        }
        StoredSecret key = new StoredSecret(accessKeyId, stored);
        String cached = decrypted.get(key);
        if (cached != null) {
            return cached;
        }
        String secret = unwrap(accessKeyId, stored);
        if (decrypted.size() >= MAX_CACHED) {
            decrypted.clear();
        }
        decrypted.put(key, secret);
        return secret;
    }

    private String unwrap(String accessKeyId, String stored) {
        byte[] sealed = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        try {
            return new String(masterKeys.masterKey().unwrap(sealed, context(accessKeyId)), StandardCharsets.UTF_8);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("Failed to decrypt the secret of access key " + accessKeyId
                    + ": the configured master key is not the one that encrypted it, or the stored value is corrupted");
        }
    }

    /** Tells whether the value {@code stored}, once decrypted, equals {@code secret}. */
    public boolean matches(String accessKeyId, String stored, String secret) {
        return decrypt(accessKeyId, stored).equals(secret);
    }

    static boolean isEncrypted(String stored) {
        return stored.startsWith(PREFIX);
    }

    private record StoredSecret(String accessKeyId, String stored) {
    }

    /** Additional data that binds a sealed secret to its access key and keeps it apart from key material. */
    private static String context(String accessKeyId) {
        return "access-key:" + accessKeyId;
    }
}
