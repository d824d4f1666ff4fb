package dev.localkms.account;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;

import dev.localkms.common.DatabaseErrors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Accounts, their root access keys, and the account-region scopes that KMS data belongs to. */
@Service
public class AccountService {

    /** Status of an access key that may sign requests. */
    public static final String ACTIVE = "Active";
    /** Status of a disabled access key. */
    public static final String INACTIVE = "Inactive";

    private final AccountRepository accounts;
    private final AccessKeyRepository accessKeys;
    private final RegionScopeRepository regionScopes;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final AccessKeySecrets secrets;
    private final ApplicationEventPublisher events;

    public AccountService(AccountRepository accounts, AccessKeyRepository accessKeys,
            RegionScopeRepository regionScopes, JdbcTemplate jdbc, Clock clock, AccessKeySecrets secrets,
            ApplicationEventPublisher events) {
        this.accounts = accounts;
        this.accessKeys = accessKeys;
        this.regionScopes = regionScopes;
        this.jdbc = jdbc;
        this.clock = clock;
        this.secrets = secrets;
        this.events = events;
    }

    /**
     * Returns the access key with this ID, whether a root or a RAM user owns it. Every signed request
     * calls this, so it reads the key and its user's name in one statement, outside a transaction.
     */
    public Optional<AccessKeyRecord> findAccessKey(String accessKeyId) {
        return jdbc.query("""
                select k.id, k.secret, k.account_id, k.user_id, u.user_name, k.status
                from access_key k left join ram_user u on u.id = k.user_id
                where k.id = ?""", (row, number) -> new AccessKeyRecord(row.getString(1),
                secrets.decrypt(row.getString(1), row.getString(2)), row.getString(3), row.getString(4),
                row.getString(5), ACTIVE.equals(row.getString(6))), accessKeyId).stream().findFirst();
    }

    /** Creates the account unless it exists, even when another instance creates it at the same time. */
    @Transactional
    public void ensureAccount(String accountId) {
        if (accounts.existsById(accountId)) {
            return;
        }
        insertIfAbsent("insert into account (id, created_at) values (?, ?)", accountId,
                Timestamp.from(clock.instant()));
    }

    /**
     * Creates or updates an account's root access key. The key must not belong to another account or user.
     *
     * @throws IllegalStateException when the key ID is taken by another owner
     */
    @Transactional
    public void ensureRootAccessKey(String accountId, String accessKeyId, String secret, boolean active) {
        ensureAccount(accountId);
        String status = active ? ACTIVE : INACTIVE;
        insertIfAbsent("insert into access_key (id, secret, account_id, user_id, status, created_at) "
                + "values (?, ?, ?, null, ?, ?)", accessKeyId, secrets.encrypt(accessKeyId, secret), accountId,
                status, Timestamp.from(clock.instant()));
        AccessKeyEntity key = accessKeys.findById(accessKeyId).orElseThrow();
        if (!key.getAccountId().equals(accountId) || key.getUserId() != null) {
            throw new IllegalStateException("Access key " + accessKeyId + " already belongs to account "
                    + key.getAccountId() + (key.getUserId() != null ? " user " + key.getUserId() : "") + ".");
        }
        // An unchanged secret keeps its stored value, so that loading a seed file again changes no row.
        if (!secrets.matches(accessKeyId, key.getSecret(), secret)) {
            key.setSecret(secrets.encrypt(accessKeyId, secret));
        }
        key.setStatus(status);
        if (!active) {
            events.publishEvent(new AccessKeyDeactivated(accessKeyId));
        }
    }

    /**
     * Creates the account-region row that keys and aliases reference, unless it exists. It joins the
     * caller's transaction, so it needs no second database connection.
     */
    @Transactional
    public void ensureRegionScope(String accountId, String regionId) {
        if (regionScopes.existsById(new RegionScopeEntity.Scope(accountId, regionId))) {
            return;
        }
        ensureAccount(accountId);
        insertIfAbsent("insert into region_scope (account_id, region_id) values (?, ?)", accountId, regionId);
    }

    /** Locks the account-region row until the current transaction ends. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lockRegionScope(String accountId, String regionId) {
        if (jdbc.queryForList("select account_id from region_scope where account_id = ? and region_id = ? for update",
                String.class, accountId, regionId).isEmpty()) {
            throw new IllegalStateException("Region scope " + accountId + "/" + regionId + " does not exist.");
        }
    }

    /** Locks the account row until the current transaction ends; RAM quota checks run under it. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lockAccount(String accountId) {
        accounts.lock(accountId)
                .orElseThrow(() -> new IllegalStateException("Account " + accountId + " does not exist."));
    }

    /**
     * Runs an insert inside a savepoint of the current transaction and ignores a unique key violation,
     * which means that another transaction created the row first. PostgreSQL aborts the whole
     * transaction on a failed statement, and the rollback to the savepoint undoes just that statement.
     */
    private void insertIfAbsent(String sql, Object... arguments) {
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            Savepoint savepoint = connection.setSavepoint();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                new ArgumentPreparedStatementSetter(arguments).setValues(statement);
                statement.executeUpdate();
            } catch (SQLException e) {
                connection.rollback(savepoint);
                if (DatabaseErrors.isUniqueViolation(e)) {
                    return null;
                }
                throw e;
            }
            connection.releaseSavepoint(savepoint);
            return null;
        });
    }
}
