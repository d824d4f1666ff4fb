package dev.localkms.ram;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import dev.localkms.account.AccessKeyRepository;
import dev.localkms.account.AccountService;
import dev.localkms.auth.Caller;
import dev.localkms.common.WireDates;
import dev.localkms.error.ErrorCode;
import dev.localkms.error.KmsException;
import dev.localkms.ram.RamReplies.ListUsersReply;
import dev.localkms.ram.RamReplies.User;
import dev.localkms.ram.RamReplies.UserReply;
import dev.localkms.ram.RamReplies.Users;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** RAM users: created, read, listed and deleted within the caller's account. */
@Service
public class RamUserService {

    private static final int USER_ID_ATTEMPTS = 10;

    private final RamUserRepository users;
    private final AccessKeyRepository accessKeys;
    private final UserPolicyRepository attachments;
    private final AccountService accounts;
    private final RamPermissionCheck permissions;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    RamUserService(RamUserRepository users, AccessKeyRepository accessKeys, UserPolicyRepository attachments,
            AccountService accounts, RamPermissionCheck permissions, Clock clock) {
        this.users = users;
        this.accessKeys = accessKeys;
        this.attachments = attachments;
        this.accounts = accounts;
        this.permissions = permissions;
        this.clock = clock;
    }

    /** CreateUser: creates a RAM user in the caller's account. */
    @Transactional
    public UserReply createUser(Caller caller, NewUser request) {
        permissions.authorize(caller, "ram:CreateUser", List.of(RamArns.anyUser(caller.accountId())));
        verify(request);
        RamUserEntity user = insert(caller.accountId(), request.userName());
        user.setDisplayName(request.displayName());
        user.setMobilePhone(request.mobilePhone());
        user.setEmail(request.email());
        user.setComments(request.comments());
        return new UserReply(new User(user.getId(), user.getUserName(), user.getDisplayName(), user.getMobilePhone(),
                user.getEmail(), user.getComments(), WireDates.format(user.getCreatedAt()), null));
    }

    /** GetUser: returns one RAM user of the caller's account. */
    @Transactional(readOnly = true)
    public UserReply getUser(Caller caller, String userName) {
        permissions.authorize(caller, "ram:GetUser", List.of(RamArns.user(caller.accountId(), userName)));
        RamNames.verifyUserName(userName);
        RamUserEntity user = existing(caller.accountId(), userName);
        return new UserReply(new User(user.getId(), user.getUserName(), user.getDisplayName(), user.getMobilePhone(),
                user.getEmail(), user.getComments(), WireDates.format(user.getCreatedAt()),
                WireDates.format(user.getUpdatedAt())));
    }

    /** ListUsers: returns up to {@code maxItems} users by name, after the one that {@code marker} names. */
    @Transactional(readOnly = true)
    public ListUsersReply listUsers(Caller caller, String marker, int maxItems) {
        permissions.authorize(caller, "ram:ListUsers", List.of(RamArns.anyUser(caller.accountId())));
        Limit limit = Limit.of(maxItems + 1);
        List<RamUserEntity> found = marker == null
                ? users.findByAccountIdOrderByUserNameAsc(caller.accountId(), limit)
                : users.findByAccountIdAndUserNameGreaterThanOrderByUserNameAsc(caller.accountId(),
                        ListMarkers.decode(marker), limit);

        boolean truncated = found.size() > maxItems;
        List<RamUserEntity> page = truncated ? found.subList(0, maxItems) : found;
        String nextMarker = truncated ? ListMarkers.encode(page.get(page.size() - 1).getUserName()) : null;
        List<User> entries = page.stream()
                .map(user -> new User(user.getId(), user.getUserName(), user.getDisplayName(), null, null,
                        user.getComments(), WireDates.format(user.getCreatedAt()),
                        WireDates.format(user.getUpdatedAt())))
                .toList();
        return new ListUsersReply(truncated, nextMarker, new Users(entries));
    }

    /** DeleteUser: deletes a RAM user that has no access keys and no attached policies. */
    @Transactional
    public void deleteUser(Caller caller, String userName) {
        permissions.authorize(caller, "ram:DeleteUser", List.of(RamArns.user(caller.accountId(), userName)));
        RamNames.verifyUserName(userName);
        RamUserEntity user = users.lockByName(caller.accountId(), userName).orElseThrow(RamUserService::userNotFound);
        if (accessKeys.countByUserId(user.getId()) > 0) {
            throw KmsException.of(ErrorCode.USER_HAS_ACCESS_KEY);
        }
        if (attachments.countByUserId(user.getId()) > 0) {
            throw KmsException.of(ErrorCode.USER_HAS_POLICY);
        }
        users.delete(user);
    }

    /**
     * Creates the RAM user, or sets its display name when it exists. The seed loader calls this.
     *
     * @throws KmsException when the name or display name breaks the CreateUser rules, or the account is full
     */
    @Transactional
    public void ensureUser(String accountId, String userName, String displayName) {
        RamNames.verifyUserName(userName);
        RamNames.verifyDisplayName(displayName);
        RamUserEntity user = users.findByAccountIdAndUserName(accountId, userName)
                .orElseGet(() -> insert(accountId, userName));
        if (!Objects.equals(user.getDisplayName(), displayName)) {
            user.setDisplayName(displayName);
            user.setUpdatedAt(clock.instant());
        }
    }

    /** Returns a user of the account, or throws {@code EntityNotExist.User}. */
    RamUserEntity existing(String accountId, String userName) {
        return users.findByAccountIdAndUserName(accountId, userName).orElseThrow(RamUserService::userNotFound);
    }

    /** Returns a user of the account locked until the transaction ends, or throws {@code EntityNotExist.User}. */
    RamUserEntity locked(String accountId, String userName) {
        return users.lockByName(accountId, userName).orElseThrow(RamUserService::userNotFound);
    }

    private static void verify(NewUser request) {
        RamNames.verifyUserName(request.userName());
        RamNames.verifyDisplayName(request.displayName());
        RamNames.verifyMobilePhone(request.mobilePhone());
        RamNames.verifyEmail(request.email());
        RamNames.verifyComments(request.comments());
    }

    private RamUserEntity insert(String accountId, String userName) {
        accounts.lockAccount(accountId);
        if (users.findByAccountIdAndUserName(accountId, userName).isPresent()) {
            throw KmsException.of(ErrorCode.USER_ALREADY_EXISTS);
        }
        if (users.countByAccountId(accountId) >= RamLimits.USERS_PER_ACCOUNT) {
            throw KmsException.of(ErrorCode.USER_LIMIT_EXCEEDED);
        }
        Instant now = clock.instant();
        try {
            return users.saveAndFlush(new RamUserEntity(newUserId(), accountId, userName, now));
        } catch (DataIntegrityViolationException e) {
            // Another instance created the same name between the check and the insert.
            throw KmsException.of(ErrorCode.USER_ALREADY_EXISTS);
        }
    }

    /** Returns an unused 16-digit user ID, the form Alibaba Cloud's user IDs take. */
    private String newUserId() {
        for (int attempt = 0; attempt < USER_ID_ATTEMPTS; attempt++) {
            String userId = Long.toString(random.nextLong(1_000_000_000_000_000L, 10_000_000_000_000_000L));
            if (!users.existsById(userId)) {
                return userId;
            }
        }
        throw new IllegalStateException("No unused RAM user ID found in " + USER_ID_ATTEMPTS + " attempts.");
    }

    private static KmsException userNotFound() {
        return KmsException.of(ErrorCode.USER_NOT_FOUND);
    }

    /**
     * Parameters of CreateUser, null when absent.
     *
     * @param userName UserName
     * @param displayName DisplayName
     * @param mobilePhone MobilePhone
     * @param email Email
     * @param comments Comments
     */
    public record NewUser(String userName, String displayName, String mobilePhone, String email, String comments) {
    }
}
