package dev.localkms.auth;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps nonces in the database, where the primary key on (access key, nonce) makes a replay fail even
 * when the two requests reach different instances.
 */
@Component
class JdbcNonceRegistry implements NonceRegistry {

    private static final Logger log = LoggerFactory.getLogger(JdbcNonceRegistry.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;

    JdbcNonceRegistry(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Inserts the nonce in one statement, so that a signed request costs one database commit. Only when
     * the nonce is already recorded does it delete that record, if it has expired, and insert again.
     *
     * <p>NOTE: each registration is a commit of its own. On H2 file storage concurrent requests wait for
     * each other's commits, the largest cost of a signed read in BENCHMARKS.md.
     */
    @Override
    public boolean register(String accessKeyId, String nonce, Instant now, Instant expiresAt) {
        if (insert(accessKeyId, nonce, expiresAt)) {
            return true;
        }
        int expired = jdbc.update("delete from signature_nonce where access_key_id = ? and nonce = ? and expires_at < ?",
                accessKeyId, nonce, Timestamp.from(now));
        return expired > 0 && insert(accessKeyId, nonce, expiresAt);
    }

    private boolean insert(String accessKeyId, String nonce, Instant expiresAt) {
        try {
            jdbc.update("insert into signature_nonce (access_key_id, nonce, expires_at) values (?, ?, ?)",
                    accessKeyId, nonce, Timestamp.from(expiresAt));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** Deletes expired nonces once a minute. */
    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    void purgeExpired() {
        int deleted = jdbc.update("delete from signature_nonce where expires_at < ?", Timestamp.from(clock.instant()));
        if (deleted > 0) {
            log.debug("Deleted {} expired signature nonces", deleted);
        }
    }
}
