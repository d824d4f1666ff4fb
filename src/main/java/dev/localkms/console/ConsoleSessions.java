package dev.localkms.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import dev.localkms.account.AccessKeyDeactivated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Web console sessions, kept in the database so that every instance on a shared database accepts them.
 * A session is a random 256-bit token that the browser receives once. The table keeps only the token's
 * SHA-256 hash, the access key that signed in and an expiry.
 */
@Component
class ConsoleSessions {

    private static final Logger log = LoggerFactory.getLogger(ConsoleSessions.class);
    private static final int TOKEN_BYTES = 32;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final ConsoleProperties properties;
    private final SecureRandom random = new SecureRandom();

    ConsoleSessions(JdbcTemplate jdbc, Clock clock, ConsoleProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    /**
     * A new session.
     *
     * @param token the value of the session cookie, which the server does not keep
     * @param expiresAt when the session ends
     */
    record NewSession(String token, Instant expiresAt) {

        @Override
        public String toString() {
            return "NewSession[expiresAt=" + expiresAt + "]";
        }
    }

    /** Starts a session for an access key whose pair the caller has verified. */
    NewSession create(String accessKeyId) {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(properties.sessionTimeout());
        jdbc.update("insert into console_session (token_hash, access_key_id, created_at, expires_at) values (?, ?, ?, ?)",
                hash(token), accessKeyId, Timestamp.from(now), Timestamp.from(expiresAt));
        log.info("Console session started for access key {}, valid until {}", accessKeyId, expiresAt);
        return new NewSession(token, expiresAt);
    }

    /**
     * A session found by its token.
     *
     * @param accessKeyId the access key that signed in
     * @param expiresAt when the session ends
     */
    record Session(String accessKeyId, Instant expiresAt) {
    }

    /** Returns the session with this token, unless it is unknown or expired. */
    Optional<Session> find(String token) {
        List<Session> sessions = jdbc.query(
                "select access_key_id, expires_at from console_session where token_hash = ? and expires_at > ?",
                (row, index) -> new Session(row.getString(1), row.getTimestamp(2).toInstant()),
                hash(token), Timestamp.from(clock.instant()));
        return sessions.stream().findFirst();
    }

    /** Ends the session with this token, if it exists. */
    void delete(String token) {
        if (jdbc.update("delete from console_session where token_hash = ?", hash(token)) > 0) {
            log.info("Console session signed out");
        }
    }

    /**
     * Ends every session of an access key for good, so a disabled key that is enabled again needs a new
     * sign-in. Deleting a key ends its sessions through the table's foreign key.
     */
    void endSessionsOf(String accessKeyId) {
        int deleted = jdbc.update("delete from console_session where access_key_id = ?", accessKeyId);
        if (deleted > 0) {
            log.info("Ended {} console sessions of disabled access key {}", deleted, accessKeyId);
        }
    }

    /** Ends the sessions of a key that the RAM API or the seed file disables, in the same transaction. */
    @EventListener
    void onAccessKeyDeactivated(AccessKeyDeactivated event) {
        endSessionsOf(event.accessKeyId());
    }

    /** Deletes expired sessions once a minute. */
    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    void purgeExpired() {
        int deleted = jdbc.update("delete from console_session where expires_at <= ?", Timestamp.from(clock.instant()));
        if (deleted > 0) {
            log.debug("Deleted {} expired console sessions", deleted);
        }
    }

    private static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
    }
}
