package dev.localkms.ram;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

import dev.localkms.account.AccessKeyDeactivated;
import dev.localkms.account.AccessKeyEntity;
import dev.localkms.account.AccessKeyRepository;
import dev.localkms.account.AccessKeySecrets;
import dev.localkms.account.AccountService;
import dev.localkms.auth.Caller;
import dev.localkms.common.WireDates;
import dev.localkms.error.ErrorCode;
import dev.localkms.error.KmsException;
import dev.localkms.ram.RamReplies.AccessKey;
import dev.localkms.ram.RamReplies.AccessKeys;
import dev.localkms.ram.RamReplies.CreateAccessKeyReply;
import dev.localkms.ram.RamReplies.ListAccessKeysReply;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Access keys of RAM users: created with a random ID and secret, listed, switched between Active and
 * Inactive, and deleted. Root access keys are not managed here.
 */
@Service
public class RamAccessKeyService {

    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String ACCESS_KEY_ID_PREFIX = "LTAI";
    private static final int ACCESS_KEY_ID_RANDOM_LENGTH = 20;
    private static final int SECRET_LENGTH = 30;
    private static final int ACCESS_KEY_ID_ATTEMPTS = 10;

    private final AccessKeyRepository accessKeys;
    private final RamUserService users;
    private final RamPermissionCheck permissions;
    private final Clock clock;
    private final AccessKeySecrets secrets;
    private final ApplicationEventPublisher events;
    private final SecureRandom random = new SecureRandom();

    RamAccessKeyService(AccessKeyRepository accessKeys, RamUserService users, RamPermissionCheck permissions,
            Clock clock, AccessKeySecrets secrets, ApplicationEventPublisher events) {
        this.accessKeys = accessKeys;
        this.users = users;
        this.permissions = permissions;
        this.clock = clock;
        this.secrets = secrets;
        this.events = events;
    }

    /** CreateAccessKey: creates an Active key pair for a RAM user. Only this reply carries the secret. */
    @Transactional
    public CreateAccessKeyReply createAccessKey(Caller caller, String userName) {
        String target = targetUser(caller, userName);
        permissions.authorize(caller, "ram:CreateAccessKey", List.of(RamArns.user(caller.accountId(), target)));
        RamNames.verifyUserName(target);
        RamUserEntity user = users.locked(caller.accountId(), target);
        verifyQuota(user);
        String accessKeyId = newAccessKeyId();
        String secret = randomText(SECRET_LENGTH);
        AccessKeyEntity key = accessKeys.save(new AccessKeyEntity(accessKeyId, secrets.encrypt(accessKeyId, secret),
                caller.accountId(), user.getId(), AccountService.ACTIVE, clock.instant()));
        return new CreateAccessKeyReply(new AccessKey(key.getId(), secret, key.getStatus(),
                WireDates.format(key.getCreatedAt())));
    }

    /** ListAccessKeys: returns a RAM user's key pairs, oldest first, without their secrets. */
    @Transactional(readOnly = true)
    public ListAccessKeysReply listAccessKeys(Caller caller, String userName) {
        String target = targetUser(caller, userName);
        permissions.authorize(caller, "ram:ListAccessKeys", List.of(RamArns.user(caller.accountId(), target)));
        RamNames.verifyUserName(target);
        RamUserEntity user = users.existing(caller.accountId(), target);
        List<AccessKey> keys = accessKeys.findByUserIdOrderByCreatedAtAsc(user.getId()).stream()
                .map(key -> new AccessKey(key.getId(), null, key.getStatus(), WireDates.format(key.getCreatedAt())))
                .toList();
        return new ListAccessKeysReply(new AccessKeys(keys));
    }

    /**
     * UpdateAccessKey: sets a RAM user's key pair to {@code Active} or {@code Inactive}. Disabling a key
     * publishes {@link AccessKeyDeactivated}.
     */
    @Transactional
    public void updateAccessKey(Caller caller, String userName, String accessKeyId, String status) {
        String target = targetUser(caller, userName);
        permissions.authorize(caller, "ram:UpdateAccessKey", List.of(RamArns.user(caller.accountId(), target)));
        RamNames.verifyUserName(target);
        if (!status.equals(AccountService.ACTIVE) && !status.equals(AccountService.INACTIVE)) {
            throw KmsException.invalidParameter("Status", status, "must be Active or Inactive");
        }
        ownedKey(caller.accountId(), target, accessKeyId).setStatus(status);
        if (status.equals(AccountService.INACTIVE)) {
            events.publishEvent(new AccessKeyDeactivated(accessKeyId));
        }
    }

    /** DeleteAccessKey: deletes a RAM user's key pair. */
    @Transactional
    public void deleteAccessKey(Caller caller, String userName, String accessKeyId) {
        String target = targetUser(caller, userName);
        permissions.authorize(caller, "ram:DeleteAccessKey", List.of(RamArns.user(caller.accountId(), target)));
        RamNames.verifyUserName(target);
        accessKeys.delete(ownedKey(caller.accountId(), target, accessKeyId));
    }

    /**
     * Creates a RAM user's key pair with a given ID and secret, or sets the secret and status of the user's
     * existing key with that ID. The seed loader calls this.
     *
     * @throws KmsException when the user does not exist or already has the maximum number of keys
     * @throws IllegalStateException when the key ID belongs to another user or to a root
     */
    @Transactional
    public void ensureAccessKey(String accountId, String userName, String accessKeyId, String secret,
            boolean active) {
        RamUserEntity user = users.locked(accountId, userName);
        String status = active ? AccountService.ACTIVE : AccountService.INACTIVE;
        AccessKeyEntity existing = accessKeys.findById(accessKeyId).orElse(null);
        if (existing == null) {
            verifyQuota(user);
            accessKeys.save(new AccessKeyEntity(accessKeyId, secrets.encrypt(accessKeyId, secret), accountId,
                    user.getId(), status, clock.instant()));
            return;
        }
        if (!user.getId().equals(existing.getUserId())) {
            throw new IllegalStateException("Access key " + accessKeyId + " already belongs to "
                    + (existing.getUserId() == null ? "the root of account " : "another user of account ")
                    + existing.getAccountId() + ".");
        }
        // An unchanged secret keeps its stored value, so that loading a seed file again changes no row.
        if (!secrets.matches(accessKeyId, existing.getSecret(), secret)) {
            existing.setSecret(secrets.encrypt(accessKeyId, secret));
        }
        existing.setStatus(status);
        if (!active) {
            events.publishEvent(new AccessKeyDeactivated(accessKeyId));
        }
    }

    /**
     * Returns the user whose keys the action manages. A RAM user that names no user manages its own keys.
     * NOTE: Alibaba Cloud lets an account's root omit {@code UserName} to manage the root's own keys. This
     * service manages only RAM users' keys, so a root must name the user.
     */
    private static String targetUser(Caller caller, String userName) {
        if (userName != null) {
            return userName;
        }
        if (!caller.isRoot()) {
            return caller.userName();
        }
        throw KmsException.withMessage(ErrorCode.MISSING_PARAMETER,
                "The parameter \"UserName\" is needed but not provided: this service manages access keys of "
                        + "RAM users only, so an account's root must name the user.");
    }

    private AccessKeyEntity ownedKey(String accountId, String userName, String accessKeyId) {
        RamUserEntity user = users.existing(accountId, userName);
        return accessKeys.findById(accessKeyId)
                .filter(key -> user.getId().equals(key.getUserId()))
                .orElseThrow(() -> KmsException.of(ErrorCode.USER_ACCESS_KEY_NOT_FOUND));
    }

    private void verifyQuota(RamUserEntity user) {
        if (accessKeys.countByUserId(user.getId()) >= RamLimits.ACCESS_KEYS_PER_USER) {
            throw KmsException.of(ErrorCode.ACCESS_KEY_LIMIT_EXCEEDED);
        }
    }

    /** Returns an unused access key ID: {@code LTAI} and 20 letters and digits, as Alibaba Cloud issues them. */
    private String newAccessKeyId() {
        for (int attempt = 0; attempt < ACCESS_KEY_ID_ATTEMPTS; attempt++) {
            String id = ACCESS_KEY_ID_PREFIX + randomText(ACCESS_KEY_ID_RANDOM_LENGTH);
            if (!accessKeys.existsById(id)) {
                return id;
            }
        }
        throw new IllegalStateException("No unused access key ID found in " + ACCESS_KEY_ID_ATTEMPTS + " attempts.");
    }

    private String randomText(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        return text.toString();
    }
}
