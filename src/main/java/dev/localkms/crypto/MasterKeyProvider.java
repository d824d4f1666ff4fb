package dev.localkms.crypto;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import dev.localkms.config.KmsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Supplies the master key that wraps key material: the configured one, else the one stored in the
 * database, else a new one stored there on first use. Instances sharing a database share the key.
 */
@Component
public class MasterKeyProvider implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(MasterKeyProvider.class);
    private static final String ROW_ID = "default";

    private final JdbcTemplate jdbc;
    private final KmsProperties properties;
    private final Clock clock;
    private volatile MasterKey masterKey;

    public MasterKeyProvider(JdbcTemplate jdbc, KmsProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** Loads the key at start-up, outside any request's transaction. */
    @Override
    public void run(ApplicationArguments args) {
        masterKey();
    }

    /** Returns the master key, loading it on first use. */
    public MasterKey masterKey() {
        MasterKey current = masterKey;
        if (current == null) {
            synchronized (this) {
                if (masterKey == null) {
                    masterKey = load();
                }
                current = masterKey;
            }
        }
        return current;
    }

    private MasterKey load() {
        String configured = properties.storage().masterKey();
        if (StringUtils.hasText(configured)) {
            try {
                return MasterKey.fromBase64(configured);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("kms.storage.master-key (KMS_STORAGE_MASTER_KEY) is invalid: "
                        + e.getMessage(), e);
            }
        }
        MasterKey stored = readStored();
        if (stored != null) {
            return stored;
        }
        MasterKey generated = MasterKey.generate();
        try {
            jdbc.update("insert into master_key (id, key_base64, created_at) values (?, ?, ?)", ROW_ID,
                    generated.toBase64(), Timestamp.from(clock.instant()));
            log.info("Generated a new master key and stored it in the database");
            return generated;
        } catch (DataIntegrityViolationException e) {
            // Another instance stored its key first; use that one.
            return readStored();
        }
    }

    private MasterKey readStored() {
        List<String> rows = jdbc.queryForList("select key_base64 from master_key where id = ?", String.class, ROW_ID);
        return rows.isEmpty() ? null : MasterKey.fromBase64(rows.get(0));
    }
}
