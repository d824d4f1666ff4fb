package dev.localkms.key;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.localkms.common.Messages;
import dev.localkms.auth.Caller;
import dev.localkms.error.ErrorCode;
import dev.localkms.error.KmsException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Turns a {@code KeyId} parameter into a key of the caller's account and region. It accepts a key ID,
 * a key ARN ({@code acs:kms:<region>:<account>:key/<id>}) and, where the action allows, an alias name
 * or alias ARN.
 */
@Component
public class KeyResolver {

    private static final Pattern ARN = Pattern.compile("^acs:kms:([^:]*):([^:]*):(key|alias)/(.+)$");
    private static final String ALIAS_PREFIX = "alias/";

    /** Whether an action accepts an alias in place of a key ID. */
    public enum AliasUse {
        ACCEPTED,
        REJECTED
    }

    private static final String SELECT_KEY = """
            select id, account_id, region_id, key_state, key_spec, key_usage, origin, protection_level,
                description, primary_version_id, created_at, delete_date
            from kms_key where id = ? and account_id = ? and region_id = ?""";

    private final JdbcTemplate jdbc;
    private final AliasLookup aliases;

    KeyResolver(JdbcTemplate jdbc, AliasLookup aliases) {
        this.jdbc = jdbc;
        this.aliases = aliases;
    }

    /** Returns the ID of the key that {@code keyId} names, after checking that it exists for the caller. */
    public String resolveId(Caller caller, String keyId, AliasUse aliasUse) {
        return resolve(caller, keyId, aliasUse).getId();
    }

    /** Returns the key that {@code keyId} names, with the facts other features check: ARN and state. */
    public ResolvedKey resolveKey(Caller caller, String keyId, AliasUse aliasUse) {
        KeyEntity key = resolve(caller, keyId, aliasUse);
        return new ResolvedKey(key.getId(), KeyService.arn(key), key.getKeyState());
    }

    /**
     * A key found by {@link #resolveKey}.
     *
     * @param keyId the key ID
     * @param arn the key ARN
     * @param state the key's state when it was read
     */
    public record ResolvedKey(String keyId, String arn, KeyState state) {
    }

    /**
     * Returns the key that {@code keyId} names, read with plain SQL statements in the caller's transaction,
     * if any. Every action that takes a key calls this, and in a profile of DescribeKey JPA's query
     * planning took more CPU time than the statements. The key returned is not managed by JPA.
     */
    KeyEntity resolve(Caller caller, String keyId, AliasUse aliasUse) {
        if (keyId.startsWith(ALIAS_PREFIX)) {
            return viaAlias(caller, keyId, aliasUse);
        }
        Matcher arn = ARN.matcher(keyId);
        if (arn.matches()) {
            boolean sameScope = arn.group(1).equals(caller.regionId()) && arn.group(2).equals(caller.accountId());
            if (arn.group(3).equals("alias")) {
                if (aliasUse == AliasUse.REJECTED) {
                    throw unsupportedAlias(keyId);
                }
                if (!sameScope) {
                    throw aliasNotFound(keyId);
                }
                return viaAlias(caller, ALIAS_PREFIX + arn.group(4), aliasUse);
            }
            if (!sameScope) {
                throw keyNotFound(keyId);
            }
            return byId(caller, arn.group(4), keyId);
        }
        if (keyId.startsWith("acs:")) {
            throw keyNotFound(keyId);
        }
        return byId(caller, keyId, keyId);
    }

    private KeyEntity viaAlias(Caller caller, String aliasName, AliasUse aliasUse) {
        if (aliasUse == AliasUse.REJECTED) {
            throw unsupportedAlias(aliasName);
        }
        String targetId = aliases.keyIdOf(caller.accountId(), caller.regionId(), aliasName)
                .orElseThrow(() -> aliasNotFound(aliasName));
        return byId(caller, targetId, aliasName);
    }

    private KeyEntity byId(Caller caller, String id, String asGiven) {
        return jdbc.query(SELECT_KEY, KeyResolver::keyOf, id, caller.accountId(), caller.regionId()).stream()
                .findFirst()
                .orElseThrow(() -> keyNotFound(asGiven));
    }

    private static KeyEntity keyOf(ResultSet row, int number) throws SQLException {
        String state = row.getString("key_state");
        return new KeyEntity(row.getString("id"), row.getString("account_id"), row.getString("region_id"),
                KeyState.fromWireName(state)
                        .orElseThrow(() -> new IllegalStateException("Unknown key state in the database: " + state)),
                row.getString("key_spec"), row.getString("key_usage"), row.getString("origin"),
                row.getString("protection_level"), row.getString("description"), row.getString("primary_version_id"),
                instant(row, "created_at"), instant(row, "delete_date"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static KmsException keyNotFound(String keyId) {
        return KmsException.withMessage(ErrorCode.KEY_NOT_FOUND,
                "The specified Key is not found: \"%s\" is not a key of this account and region."
                        .formatted(Messages.abbreviate(keyId)));
    }

    private static KmsException aliasNotFound(String aliasName) {
        return KmsException.withMessage(ErrorCode.ALIAS_NOT_FOUND,
                "The specified Alias is not found: \"%s\" does not exist in this account and region."
                        .formatted(Messages.abbreviate(aliasName)));
    }

    private static KmsException unsupportedAlias(String keyId) {
        return KmsException.withMessage(ErrorCode.UNSUPPORTED_ALIAS,
                "Alias is not valid for this api: \"%s\" is an alias; pass a key ID or key ARN.".formatted(Messages.abbreviate(keyId)));
    }
}
