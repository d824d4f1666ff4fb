package dev.localkms.ram;

import java.time.Clock;
import java.util.List;

import dev.localkms.auth.Caller;
import dev.localkms.common.WireDates;
import dev.localkms.error.ErrorCode;
import dev.localkms.error.KmsException;
import dev.localkms.ram.RamPolicyService.PolicyInfo;
import dev.localkms.ram.RamReplies.ListPoliciesForUserReply;
import dev.localkms.ram.RamReplies.Policies;
import dev.localkms.ram.RamReplies.Policy;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Attaches policies to RAM users, detaches them and lists them, within per-user quotas. */
@Service
public class UserPolicyService {

    private final UserPolicyRepository attachments;
    private final RamUserService users;
    private final RamPolicyService policies;
    private final RamPermissionCheck permissions;
    private final Clock clock;

    UserPolicyService(UserPolicyRepository attachments, RamUserService users, RamPolicyService policies,
            RamPermissionCheck permissions, Clock clock) {
        this.attachments = attachments;
        this.users = users;
        this.policies = policies;
        this.permissions = permissions;
        this.clock = clock;
    }

    /** AttachPolicyToUser: attaches a custom or system policy to a RAM user. */
    @Transactional
    public void attachPolicyToUser(Caller caller, String policyType, String policyName, String userName) {
        PolicyType type = PolicyType.fromWireName(policyType);
        permissions.authorize(caller, "ram:AttachPolicyToUser", List.of(RamArns.user(caller.accountId(), userName),
                RamArns.policy(caller.accountId(), type, policyName)));
        RamNames.verifyUserName(userName);
        RamNames.verifyPolicyName(policyName);
        RamUserEntity user = users.locked(caller.accountId(), userName);
        policies.existing(caller.accountId(), type, policyName);
        UserPolicyEntity.Attachment attachment = new UserPolicyEntity.Attachment(user.getId(), type, policyName);
        if (attachments.existsById(attachment)) {
            throw KmsException.of(ErrorCode.USER_POLICY_ALREADY_EXISTS);
        }
        attach(user, type, attachment);
    }

    /** DetachPolicyFromUser: detaches a policy from a RAM user. */
    @Transactional
    public void detachPolicyFromUser(Caller caller, String policyType, String policyName, String userName) {
        PolicyType type = PolicyType.fromWireName(policyType);
        permissions.authorize(caller, "ram:DetachPolicyFromUser", List.of(RamArns.user(caller.accountId(), userName),
                RamArns.policy(caller.accountId(), type, policyName)));
        RamNames.verifyUserName(userName);
        RamNames.verifyPolicyName(policyName);
        RamUserEntity user = users.existing(caller.accountId(), userName);
        policies.existing(caller.accountId(), type, policyName);
        UserPolicyEntity attachment = attachments
                .findById(new UserPolicyEntity.Attachment(user.getId(), type, policyName))
                .orElseThrow(() -> KmsException.of(ErrorCode.USER_POLICY_NOT_FOUND));
        attachments.delete(attachment);
    }

    /** ListPoliciesForUser: returns the policies attached to a RAM user, in the order they were attached. */
    @Transactional(readOnly = true)
    public ListPoliciesForUserReply listPoliciesForUser(Caller caller, String userName) {
        permissions.authorize(caller, "ram:ListPoliciesForUser",
                List.of(RamArns.user(caller.accountId(), userName)));
        RamNames.verifyUserName(userName);
        RamUserEntity user = users.existing(caller.accountId(), userName);
        List<Policy> entries = attachments.findByUserId(user.getId()).stream()
                .map(attachment -> entry(caller.accountId(), attachment))
                .toList();
        return new ListPoliciesForUserReply(new Policies(entries));
    }

    /**
     * Attaches the policy to the RAM user unless it is attached already. The seed loader calls this.
     *
     * @throws KmsException when the user or policy does not exist, or the user has the maximum number of policies
     */
    @Transactional
    public void ensureAttachment(String accountId, String userName, PolicyType type, String policyName) {
        RamUserEntity user = users.locked(accountId, userName);
        policies.existing(accountId, type, policyName);
        UserPolicyEntity.Attachment attachment = new UserPolicyEntity.Attachment(user.getId(), type, policyName);
        if (!attachments.existsById(attachment)) {
            attach(user, type, attachment);
        }
    }

    private void attach(RamUserEntity user, PolicyType type, UserPolicyEntity.Attachment attachment) {
        int limit = type == PolicyType.SYSTEM ? RamLimits.SYSTEM_POLICIES_PER_USER : RamLimits.CUSTOM_POLICIES_PER_USER;
        if (attachments.countByUserIdAndPolicyType(user.getId(), type.wireName()) >= limit) {
            throw KmsException.of(ErrorCode.USER_POLICY_LIMIT_EXCEEDED);
        }
        try {
            attachments.saveAndFlush(new UserPolicyEntity(attachment, clock.instant()));
        } catch (DataIntegrityViolationException e) {
            // Another instance attached the same policy between the check and the insert.
            throw KmsException.of(ErrorCode.USER_POLICY_ALREADY_EXISTS);
        }
    }

    private Policy entry(String accountId, UserPolicyEntity attachment) {
        String attachDate = WireDates.format(attachment.getAttachedAt());
        return policies.find(accountId, attachment.getPolicyType(), attachment.getPolicyName())
                .map((PolicyInfo policy) -> new Policy(policy.name(), policy.type().wireName(), policy.description(),
                        policy.defaultVersion(), null, null, null, null, attachDate))
                .orElseGet(() -> new Policy(attachment.getPolicyName(), attachment.getPolicyType().wireName(), null,
                        null, null, null, null, null, attachDate));
    }
}
