package dev.localkms.account;

import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Encrypts, at start-up, the access key secrets that earlier versions stored in plaintext, before any other
 * start-up work. Each row is updated only while it still contains the plaintext, so instances that start
 * together on one database encrypt each secret once.
 */
@Component
@Order(-100)
class AccessKeySecretEncryption implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AccessKeySecretEncryption.class);

    private final JdbcTemplate jdbc;
    private final AccessKeySecrets secrets;

    AccessKeySecretEncryption(JdbcTemplate jdbc, AccessKeySecrets secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<Map<String, Object>> plaintextRows = jdbc.queryForList(
                "select id, secret from access_key where secret not like ?", AccessKeySecrets.PREFIX + "%");
        int encrypted = 0;
        for (Map<String, Object> row : plaintextRows) {
            String id = (String) row.get("id");
            String secret = (String) row.get("secret");
            encrypted += jdbc.update("update access_key set secret = ? where id = ? and secret = ?",
                    secrets.encrypt(id, secret), id, secret);
        }
        if (encrypted > 0) {
            log.info("Encrypted {} access key secrets that an earlier version stored in plaintext", encrypted);
        }
    }
}
