package dev.localkms.account;

import java.time.Clock;
import java.util.Optional;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

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
    private final TransactionTemplate newTransaction;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public AccountService(AccountRepository accounts, AccessKeyRepository accessKeys,
            RegionScopeRepository regionScopes, PlatformTransactionManager transactionManager, JdbcTemplate jdbc,
            Clock clock) {
        this.accounts = accounts;
        this.accessKeys = accessKeys;
        this.regionScopes = regionScopes;
        this.newTransaction = new TransactionTemplate(transactionManager);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Returns the access key with this ID, whether a root or a RAM user owns it. */
    @Transactional(readOnly = true)
    public Optional<AccessKeyRecord> findAccessKey(String accessKeyId) {
        return accessKeys.findById(accessKeyId).map(this::toRecord);
    }

    /** Creates the account unless it exists. */
    @Transactional
    public void ensureAccount(String accountId) {
        if (!accounts.existsById(accountId)) {
            accounts.save(new AccountEntity(accountId, clock.instant()));
        }
    }

    /**
     * Creates or updates an account's root access key. The key must not belong to another account or user.
     *
     * @throws IllegalStateException when the key ID is taken by another owner
     */
    @Transactional
    public void ensureRootAccessKey(String accountId, String accessKeyId, String secret, boolean active) {
        ensureAccount(accountId);
        AccessKeyEntity key = accessKeys.findById(accessKeyId).orElse(null);
        String status = active ? ACTIVE : INACTIVE;
        if (key == null) {
            accessKeys.save(new AccessKeyEntity(accessKeyId, secret, accountId, null, status, clock.instant()));
            return;
        }
        if (!key.getAccountId().equals(accountId) || key.getUserId() != null) {
            throw new IllegalStateException("Access key " + accessKeyId + " already belongs to account "
                    + key.getAccountId() + (key.getUserId() != null ? " user " + key.getUserId() : "") + ".");
        }
        key.setSecret(secret);
        key.setStatus(status);
    }

    /**
     * Creates the account-region row that keys and aliases reference, unless it exists. Several instances
     * may race to create it: the loser's insert fails on the primary key in its own transaction, and the
     * row is there either way.
     */
    public void ensureRegionScope(String accountId, String regionId) {
        RegionScopeEntity.Scope scope = new RegionScopeEntity.Scope(accountId, regionId);
        if (regionScopes.existsById(scope)) {
            return;
        }
        try {
            newTransaction.executeWithoutResult(status -> {
                if (!accounts.existsById(accountId)) {
                    accounts.saveAndFlush(new AccountEntity(accountId, clock.instant()));
                }
                regionScopes.saveAndFlush(new RegionScopeEntity(accountId, regionId));
            });
        } catch (DataIntegrityViolationException e) {
            if (!regionScopes.existsById(scope)) {
                throw e;
            }
        }
    }

    /** Locks the account-region row until the current transaction ends. */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public void lockRegionScope(String accountId, String regionId) {
        regionScopes.lock(new RegionScopeEntity.Scope(accountId, regionId))
                .orElseThrow(() -> new IllegalStateException(
                        "Region scope " + accountId + "/" + regionId + " does not exist."));
    }

    /** Locks the account row until the current transaction ends; RAM quota checks run under it. */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public void lockAccount(String accountId) {
        accounts.lock(accountId)
                .orElseThrow(() -> new IllegalStateException("Account " + accountId + " does not exist."));
    }

    private AccessKeyRecord toRecord(AccessKeyEntity key) {
        String userName = key.getUserId() == null ? null : jdbc.queryForList(
                "select user_name from ram_user where id = ?", String.class, key.getUserId()).stream().findFirst()
                .orElse(null);
        return new AccessKeyRecord(key.getId(), key.getSecret(), key.getAccountId(), key.getUserId(), userName,
                ACTIVE.equals(key.getStatus()));
    }
}
