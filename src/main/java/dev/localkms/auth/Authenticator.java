package dev.localkms.auth;

import dev.localkms.account.AccessKeyRecord;
import dev.localkms.account.AccountService;
import dev.localkms.api.RpcRequest;
import dev.localkms.config.KmsProperties;
import dev.localkms.config.KmsProperties.AuthMode;
import dev.localkms.error.ErrorCode;
import dev.localkms.error.KmsException;
import org.springframework.stereotype.Service;

/** Decides who makes a request: the owner of the access key it names, or the default account's root. */
@Service
public class Authenticator {

    private final AccountService accounts;
    private final KmsProperties properties;

    public Authenticator(AccountService accounts, KmsProperties properties) {
        this.accounts = accounts;
        this.properties = properties;
    }

    /** Returns the caller of {@code request}, acting in {@code regionId}. */
    public Caller authenticate(RpcRequest request, String regionId) {
        String accessKeyId = request.parameter("AccessKeyId").filter(value -> !value.isEmpty()).orElse(null);
        if (accessKeyId == null) {
            if (properties.authMode() == AuthMode.STRICT) {
                throw KmsException.withMessage(ErrorCode.INCOMPLETE_SIGNATURE,
                        "The request is not signed, and the server accepts only signed requests (auth mode strict).");
            }
            return rootOf(properties.defaultAccount().id(), properties.defaultAccount().accessKeyId(), regionId, false);
        }
        AccessKeyRecord key = activeKey(accessKeyId);
        return callerOf(key, regionId, false);
    }

    private AccessKeyRecord activeKey(String accessKeyId) {
        AccessKeyRecord key = accounts.findAccessKey(accessKeyId)
                .orElseThrow(() -> KmsException.withMessage(ErrorCode.ACCESS_KEY_NOT_FOUND,
                        "Specified access key is not found: \"%s\".".formatted(accessKeyId)));
        if (!key.active()) {
            throw KmsException.withMessage(ErrorCode.ACCESS_KEY_INACTIVE,
                    "Specified access key is disabled: \"%s\".".formatted(accessKeyId));
        }
        return key;
    }

    private Caller callerOf(AccessKeyRecord key, String regionId, boolean signed) {
        if (key.userId() == null) {
            return rootOf(key.accountId(), key.accessKeyId(), regionId, signed);
        }
        return new Caller(key.accountId(), regionId, Caller.PrincipalType.RAM_USER, key.userId(), key.userId(),
                key.accessKeyId(), signed);
    }

    private static Caller rootOf(String accountId, String accessKeyId, String regionId, boolean signed) {
        return new Caller(accountId, regionId, Caller.PrincipalType.ROOT, accountId, null, accessKeyId, signed);
    }
}
