package dev.localkms.admin;

import java.time.Duration;
import java.util.List;

import dev.localkms.account.AccountService;
import dev.localkms.auth.NonceRegistry;
import dev.localkms.config.KmsProperties;
import dev.localkms.error.ErrorCode;
import dev.localkms.error.KmsException;
import dev.localkms.seed.SeedFileException;
import dev.localkms.seed.SeedLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts the service back to its start-up state without a restart. Every account, user, policy, key,
 * alias, nonce and console session is deleted and the default account is created again. The seed file
 * is then applied again, unless the caller asks for an empty service. The master key is kept.
 */
@Service
public class ResetService {

    private static final Logger log = LoggerFactory.getLogger(ResetService.class);

    /** Tables in an order that deletes referencing rows first. */
    private static final List<String> TABLES = List.of("kms_alias", "key_version", "kms_key", "region_scope",
            "user_policy", "console_session", "access_key", "ram_policy", "ram_user", "account");

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final AccountService accounts;
    private final SeedLoader seedLoader;
    private final KmsProperties properties;
    private final NonceRegistry nonces;

    ResetService(JdbcTemplate jdbc, TransactionTemplate transaction, AccountService accounts, SeedLoader seedLoader,
            KmsProperties properties, NonceRegistry nonces) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.accounts = accounts;
        this.seedLoader = seedLoader;
        this.properties = properties;
        this.nonces = nonces;
    }

    /**
     * Deletes all data and restores the default account, then applies the seed file when {@code seed} is
     * true and one is configured.
     *
     * @return what the reset did
     */
    public ResetResult reset(boolean seed) {
        long started = System.nanoTime();
        if (seed) {
            verifySeedFile();
        }
        transaction.executeWithoutResult(status -> TABLES.forEach(table -> jdbc.update("delete from " + table)));
        nonces.forgetAll();
        KmsProperties.DefaultAccount account = properties.defaultAccount();
        accounts.ensureRootAccessKey(account.id(), account.accessKeyId(), account.accessKeySecret(), true);
        boolean seeded = seed && applySeedFile();
        Duration duration = Duration.ofNanos(System.nanoTime() - started);
        log.info("Reset the service{} in {} ms", seeded ? " to its seed file" : " to an empty state",
                duration.toMillis());
        return new ResetResult(seeded, duration.toMillis());
    }

    private void verifySeedFile() {
        try {
            seedLoader.verifyFile();
        } catch (SeedFileException e) {
            log.warn("Reset rejected, nothing was deleted: {}", e.getMessage());
            throw KmsException.withMessage(ErrorCode.INVALID_PARAMETER,
                    e.getMessage() + " Nothing was deleted; fix the file and reset again.");
        }
    }

    private boolean applySeedFile() {
        try {
            return seedLoader.load();
        } catch (SeedFileException e) {
            log.warn("Reset emptied the service, but the seed file could not be applied: {}", e.getMessage());
            throw KmsException.withMessage(ErrorCode.INVALID_PARAMETER, e.getMessage()
                    + " The service was emptied and holds only the default account; fix the file and reset again.");
        }
    }

    /**
     * Outcome of a reset.
     *
     * @param seeded whether the seed file was applied
     * @param durationMs how long the reset took, in milliseconds
     */
    public record ResetResult(boolean seeded, long durationMs) {
    }
}
