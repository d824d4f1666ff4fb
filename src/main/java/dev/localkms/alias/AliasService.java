package dev.localkms.alias;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.localkms.common.Messages;
import dev.localkms.account.AccountService;
import dev.localkms.alias.AliasReplies.AliasMetadata;
import dev.localkms.alias.AliasReplies.Aliases;
import dev.localkms.alias.AliasReplies.ListAliasesReply;
import dev.localkms.auth.Caller;
import dev.localkms.common.Arns;
import dev.localkms.common.DatabaseErrors;
import dev.localkms.common.Paging;
import dev.localkms.config.KmsProperties;
import dev.localkms.error.ErrorCode;
import dev.localkms.error.KmsException;
import dev.localkms.key.KeyResolver;
import dev.localkms.key.KeyResolver.AliasUse;
import dev.localkms.key.KeyResolver.ResolvedKey;
import dev.localkms.key.KeyState;
import dev.localkms.ram.Authorizer;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The alias rules: names unique per account and region, a quota per account and region, any number
 * of aliases per key, and the key-state checks of CreateAlias and UpdateAlias.
 */
@Service
public class AliasService {

    /**
     * Aliases are read and written with plain SQL statements, because in a profile of the alias actions
     * JPA's query planning took more CPU time than the statements. The list actions run without a transaction.
     */
    private static final String SELECT_ALIASES =
            "select id, account_id, region_id, alias_name, key_id, created_at from kms_alias";
    private static final String LIST_ORDER = " order by created_at, alias_name";

    private final KeyResolver keys;
    private final AccountService accounts;
    private final Authorizer authorizer;
    private final KmsProperties properties;
    private final Clock clock;
    private final JdbcTemplate jdbc;

    AliasService(KeyResolver keys, AccountService accounts, Authorizer authorizer,
            KmsProperties properties, Clock clock, JdbcTemplate jdbc) {
        this.keys = keys;
        this.accounts = accounts;
        this.authorizer = authorizer;
        this.properties = properties;
        this.clock = clock;
        this.jdbc = jdbc;
    }

    /** CreateAlias: creates {@code aliasName} pointing to the key that {@code keyId} names. */
    @Transactional
    public void createAlias(Caller caller, String keyId, String aliasName) {
        AliasNames.verify(aliasName);
        ResolvedKey key = keys.resolveKey(caller, keyId, AliasUse.REJECTED);
        authorizer.authorize(caller, "kms:CreateAlias", List.of(key.arn(), aliasArn(caller, aliasName)));
        if (key.state() == KeyState.PENDING_DELETION) {
            throw KmsException.withMessage(ErrorCode.STATE_MODIFIED_FAILED,
                    "Keystate modified failed: key \"%s\" is PendingDeletion, so no alias can be created for it."
                            .formatted(key.keyId()));
        }
        accounts.lockRegionScope(caller.accountId(), caller.regionId());
        if (find(caller, aliasName).isPresent()) {
            throw aliasAlreadyExists(aliasName);
        }
        verifyQuota(caller);
        try {
            jdbc.update("insert into kms_alias (id, account_id, region_id, alias_name, key_id, created_at)"
                    + " values (?, ?, ?, ?, ?, ?)", UUID.randomUUID().toString(), caller.accountId(),
                    caller.regionId(), aliasName, key.keyId(), OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
        } catch (DataIntegrityViolationException e) {
            throw integrityViolation(e, aliasName, key.keyId());
        }
    }

    /** UpdateAlias: points an existing alias to another key. Only the new key's state matters. */
    @Transactional
    public void updateAlias(Caller caller, String keyId, String aliasName) {
        AliasNames.verify(aliasName);
        ResolvedKey newKey = keys.resolveKey(caller, keyId, AliasUse.REJECTED);
        AliasEntity alias = existing(caller, aliasName);
        String originalKeyArn = Arns.key(caller.regionId(), caller.accountId(), alias.getKeyId());
        authorizer.authorize(caller, "kms:UpdateAlias",
                List.of(aliasArn(caller, aliasName), originalKeyArn, newKey.arn()));
        if (newKey.state() == KeyState.PENDING_DELETION) {
            throw KmsException.withMessage(ErrorCode.KEY_PENDING_DELETION,
                    "The request was rejected because the key state is PendingDeletion: key \"%s\"."
                            .formatted(newKey.keyId()));
        }
        int updated;
        try {
            updated = jdbc.update(
                    "update kms_alias set key_id = ? where account_id = ? and region_id = ? and alias_name = ?",
                    newKey.keyId(), caller.accountId(), caller.regionId(), aliasName);
        } catch (DataIntegrityViolationException e) {
            throw integrityViolation(e, aliasName, newKey.keyId());
        }
        if (updated == 0) {
            throw aliasNotFound(aliasName);
        }
    }

    /** DeleteAlias: deletes the alias and leaves its key alone. */
    @Transactional
    public void deleteAlias(Caller caller, String aliasName) {
        AliasNames.verify(aliasName);
        AliasEntity alias = existing(caller, aliasName);
        authorizer.authorize(caller, "kms:DeleteAlias", List.of(
                Arns.key(caller.regionId(), caller.accountId(), alias.getKeyId()), aliasArn(caller, aliasName)));
        if (jdbc.update("delete from kms_alias where account_id = ? and region_id = ? and alias_name = ?",
                caller.accountId(), caller.regionId(), aliasName) == 0) {
            throw aliasNotFound(aliasName);
        }
    }

    /**
     * Creates the alias, or points the existing alias to the key when it points elsewhere, under the same
     * rules as CreateAlias and UpdateAlias. The seed loader calls this.
     */
    @Transactional
    public void ensureAlias(Caller caller, String keyId, String aliasName) {
        AliasNames.verify(aliasName);
        Optional<AliasEntity> existing = find(caller, aliasName);
        if (existing.isEmpty()) {
            createAlias(caller, keyId, aliasName);
        } else if (!existing.get().getKeyId().equals(keyId)) {
            updateAlias(caller, keyId, aliasName);
        }
    }

    /** ListAliases: one page of the account's aliases in the region, by creation time and then name. */
    public ListAliasesReply listAliases(Caller caller, Paging paging) {
        authorizer.authorize(caller, "kms:ListAliases",
                List.of(Arns.aliasContainer(caller.regionId(), caller.accountId())));
        return page(caller, paging, jdbc.query(SELECT_ALIASES + " where account_id = ? and region_id = ?" + LIST_ORDER,
                AliasService::aliasOf, caller.accountId(), caller.regionId()));
    }

    /** ListAliasesByKeyId: one page of the aliases of the key that a key ID or key ARN names. */
    public ListAliasesReply listAliasesByKeyId(Caller caller, String keyId, Paging paging) {
        ResolvedKey key = keys.resolveKey(caller, keyId, AliasUse.REJECTED);
        authorizer.authorize(caller, "kms:ListAliasesByKeyId", List.of(key.arn()));
        return page(caller, paging,
                jdbc.query(SELECT_ALIASES + " where key_id = ?" + LIST_ORDER, AliasService::aliasOf, key.keyId()));
    }

    private AliasEntity existing(Caller caller, String aliasName) {
        return find(caller, aliasName).orElseThrow(() -> aliasNotFound(aliasName));
    }

    private Optional<AliasEntity> find(Caller caller, String aliasName) {
        return jdbc.query(SELECT_ALIASES + " where account_id = ? and region_id = ? and alias_name = ?",
                AliasService::aliasOf, caller.accountId(), caller.regionId(), aliasName).stream().findFirst();
    }

    private void verifyQuota(Caller caller) {
        Long count = jdbc.queryForObject("select count(*) from kms_alias where account_id = ? and region_id = ?",
                Long.class, caller.accountId(), caller.regionId());
        if (count != null && count >= properties.aliasQuota()) {
            throw KmsException.withMessage(ErrorCode.LIMIT_EXCEEDED,
                    "The request was rejected because user create resource limit was exceeded: %d aliases per account and region."
                            .formatted(properties.aliasQuota()));
        }
    }

    private static AliasEntity aliasOf(ResultSet row, int number) throws SQLException {
        return new AliasEntity(row.getString("id"), row.getString("account_id"), row.getString("region_id"),
                row.getString("alias_name"), row.getString("key_id"),
                row.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    private static ListAliasesReply page(Caller caller, Paging paging, List<AliasEntity> all) {
        List<AliasMetadata> page = paging.slice(all).stream()
                .map(alias -> new AliasMetadata(alias.getKeyId(), alias.getAliasName(),
                        aliasArn(caller, alias.getAliasName())))
                .toList();
        return new ListAliasesReply(paging.pageNumber(), paging.pageSize(), all.size(), new Aliases(page));
    }

    private static String aliasArn(Caller caller, String aliasName) {
        return Arns.alias(caller.regionId(), caller.accountId(), aliasName);
    }

    /**
     * Maps a constraint violation that the checks before the write could not see. A unique violation means
     * that another transaction created the same name. A foreign key violation means that the key was deleted
     * after it was read, for example by the key deletion job on another instance.
     */
    private static RuntimeException integrityViolation(DataIntegrityViolationException error, String aliasName,
            String keyId) {
        if (DatabaseErrors.isUniqueViolation(error)) {
            return aliasAlreadyExists(aliasName);
        }
        if (DatabaseErrors.isForeignKeyViolation(error)) {
            return KmsException.withMessage(ErrorCode.KEY_NOT_FOUND,
                    "The specified Key is not found: \"%s\" was deleted while the alias was being written."
                            .formatted(Messages.abbreviate(keyId)));
        }
        return error;
    }

    private static KmsException aliasAlreadyExists(String aliasName) {
        return KmsException.withMessage(ErrorCode.ALIAS_ALREADY_EXISTS,
                "AliasName Already Exists: \"%s\" is taken in this account and region.".formatted(Messages.abbreviate(aliasName)));
    }

    private static KmsException aliasNotFound(String aliasName) {
        return KmsException.withMessage(ErrorCode.ALIAS_NOT_FOUND,
                "The specified Alias is not found: \"%s\" does not exist in this account and region."
                        .formatted(Messages.abbreviate(aliasName)));
    }
}
