package dev.localkms.auth;

import java.time.Instant;

/** Remembers the signature nonces of an access key until they expire, so that a replay can be detected. */
public interface NonceRegistry {

    /**
     * Records {@code nonce} for {@code accessKeyId} until {@code expiresAt}.
     *
     * @return false when the nonce is already recorded and has not expired
     */
    boolean register(String accessKeyId, String nonce, Instant now, Instant expiresAt);

    /** Forgets every recorded nonce, as a reset of the service does. */
    void forgetAll();
}
