package dev.localkms.key;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.localkms.common.Messages;
import dev.localkms.auth.Caller;
import dev.localkms.error.ErrorCode;
import dev.localkms.error.KmsException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

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

    private final KeyRepository keys;
    private final AliasLookup aliases;

    KeyResolver(KeyRepository keys, AliasLookup aliases) {
        this.keys = keys;
        this.aliases = aliases;
    }

    /** Returns the ID of the key that {@code keyId} names, after checking that it exists for the caller. */
    @Transactional(readOnly = true)
    public String resolveId(Caller caller, String keyId, AliasUse aliasUse) {
        return resolve(caller, keyId, aliasUse).getId();
    }

    /** Returns the key that {@code keyId} names, with the facts other features check: ARN and state. */
    @Transactional(readOnly = true)
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
        return keys.findByIdAndAccountIdAndRegionId(id, caller.accountId(), caller.regionId())
                .orElseThrow(() -> keyNotFound(asGiven));
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
