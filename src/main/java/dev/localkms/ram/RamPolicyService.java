package dev.localkms.ram;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.localkms.account.AccountService;
import dev.localkms.auth.Caller;
import dev.localkms.common.WireDates;
import dev.localkms.error.ErrorCode;
import dev.localkms.error.KmsException;
import dev.localkms.ram.RamReplies.CreatePolicyReply;
import dev.localkms.ram.RamReplies.GetPolicyReply;
import dev.localkms.ram.RamReplies.ListPoliciesReply;
import dev.localkms.ram.RamReplies.Policies;
import dev.localkms.ram.RamReplies.Policy;
import dev.localkms.ram.RamReplies.PolicyVersion;
import dev.localkms.ram.SystemPolicies.SystemPolicy;
import dev.localkms.ram.policy.PolicyDocument;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * RAM policies: the account's custom policies, stored with one version ({@code v1}), and the built-in
 * system policies. Also returns the documents that apply to a RAM user, for authorization.
 */
@Service
public class RamPolicyService implements UserPolicies {

    static final String FIRST_VERSION = "v1";
    private static final Comparator<PolicyInfo> LIST_ORDER = Comparator
            .comparing((PolicyInfo policy) -> policy.type() == PolicyType.SYSTEM ? 0 : 1)
            .thenComparing(PolicyInfo::name);

    private final RamPolicyRepository policies;
    private final UserPolicyRepository attachments;
    private final RamUserRepository users;
    private final AccountService accounts;
    private final RamPermissionCheck permissions;
    private final Clock clock;

    RamPolicyService(RamPolicyRepository policies, UserPolicyRepository attachments, RamUserRepository users,
            AccountService accounts, RamPermissionCheck permissions, Clock clock) {
        this.policies = policies;
        this.attachments = attachments;
        this.users = users;
        this.accounts = accounts;
        this.permissions = permissions;
        this.clock = clock;
    }

    /** CreatePolicy: creates a custom policy whose default version {@code v1} has the given document. */
    @Transactional
    public CreatePolicyReply createPolicy(Caller caller, String policyName, String policyDocument,
            String description) {
        permissions.authorize(caller, "ram:CreatePolicy", List.of(RamArns.anyPolicy(caller.accountId())));
        verify(policyName, policyDocument, description);
        RamPolicyEntity policy = insert(caller.accountId(), policyName, description, policyDocument);
        return new CreatePolicyReply(new Policy(policy.getPolicyName(), PolicyType.CUSTOM.wireName(),
                policy.getDescription(), policy.getDefaultVersion(), WireDates.format(policy.getCreatedAt()),
                null, null, null, null));
    }

    /** GetPolicy: returns a custom or system policy with its default version. */
    @Transactional(readOnly = true)
    public GetPolicyReply getPolicy(Caller caller, String policyType, String policyName) {
        PolicyType type = PolicyType.fromWireName(policyType);
        permissions.authorize(caller, "ram:GetPolicy", List.of(RamArns.policy(caller.accountId(), type, policyName)));
        RamNames.verifyPolicyName(policyName);
        PolicyInfo policy = existing(caller.accountId(), type, policyName);
        int attachmentCount = (int) attachments.countAttachments(caller.accountId(), type.wireName(), policyName);
        return new GetPolicyReply(summary(policy, attachmentCount, policy.document()),
                new PolicyVersion(policy.defaultVersion(), true, policy.document(),
                        WireDates.format(policy.updatedAt())));
    }

    /**
     * ListPolicies: returns up to {@code maxItems} policies after the one that {@code marker} names,
     * system policies first, each group by name.
     *
     * @param policyType {@code System}, {@code Custom}, or null for both
     */
    @Transactional(readOnly = true)
    public ListPoliciesReply listPolicies(Caller caller, String policyType, String marker, int maxItems) {
        PolicyType type = policyType == null ? null : PolicyType.fromWireName(policyType);
        permissions.authorize(caller, "ram:ListPolicies", List.of(RamArns.anyPolicy(caller.accountId())));
        Optional<PolicyInfo> after = Optional.ofNullable(marker).map(RamPolicyService::decodeMarker);
        List<PolicyInfo> matching = allPolicies(caller.accountId()).stream()
                .filter(policy -> type == null || policy.type() == type)
                .filter(policy -> after.isEmpty() || LIST_ORDER.compare(policy, after.get()) > 0)
                .toList();

        boolean truncated = matching.size() > maxItems;
        List<PolicyInfo> page = truncated ? matching.subList(0, maxItems) : matching;
        String nextMarker = truncated ? encodeMarker(page.get(page.size() - 1)) : null;
        Map<String, Long> counts = attachments.countAttachmentsByPolicy(caller.accountId()).stream()
                .collect(Collectors.toMap(count -> count.policyType() + ":" + count.policyName(),
                        UserPolicyRepository.AttachmentCount::count));
        List<Policy> entries = page.stream()
                .map(policy -> summary(policy,
                        counts.getOrDefault(policy.type().wireName() + ":" + policy.name(), 0L).intValue(), null))
                .toList();
        return new ListPoliciesReply(truncated, nextMarker, new Policies(entries));
    }

    /** DeletePolicy: deletes a custom policy that no user has attached. */
    @Transactional
    public void deletePolicy(Caller caller, String policyName) {
        permissions.authorize(caller, "ram:DeletePolicy",
                List.of(RamArns.policy(caller.accountId(), PolicyType.CUSTOM, policyName)));
        RamNames.verifyPolicyName(policyName);
        RamPolicyEntity policy = policies.findByAccountIdAndPolicyName(caller.accountId(), policyName)
                .orElseThrow(RamPolicyService::policyNotFound);
        if (attachments.countAttachments(caller.accountId(), PolicyType.CUSTOM.wireName(), policyName) > 0) {
            throw KmsException.of(ErrorCode.POLICY_HAS_USER);
        }
        policies.delete(policy);
    }

    /**
     * Creates the custom policy, or sets the description and document of the existing one. The seed loader
     * calls this.
     *
     * @throws KmsException when a value breaks the CreatePolicy rules, or the account is full
     */
    @Transactional
    public void ensurePolicy(String accountId, String policyName, String description, String policyDocument) {
        verify(policyName, policyDocument, description);
        Optional<RamPolicyEntity> existing = policies.findByAccountIdAndPolicyName(accountId, policyName);
        if (existing.isEmpty()) {
            insert(accountId, policyName, description, policyDocument);
            return;
        }
        RamPolicyEntity policy = existing.get();
        if (!Objects.equals(policy.getDescription(), description)
                || !policy.getPolicyDocument().equals(policyDocument)) {
            policy.setDescription(description);
            policy.setPolicyDocument(policyDocument);
            policy.setUpdatedAt(clock.instant());
        }
    }

    /**
     * Returns the parsed documents of every policy attached to a RAM user: custom policies of the account
     * and system policies. The list is empty when the user has none or is not a user of the account.
     */
    @Override
    @Transactional(readOnly = true)
    public List<PolicyDocument> documentsFor(String accountId, String userId) {
        if (users.findById(userId).filter(user -> user.getAccountId().equals(accountId)).isEmpty()) {
            return List.of();
        }
        List<UserPolicyEntity> attached = attachments.findByUserId(userId);
        List<String> customNames = attached.stream()
                .filter(attachment -> attachment.getPolicyType() == PolicyType.CUSTOM)
                .map(UserPolicyEntity::getPolicyName)
                .toList();
        Map<String, RamPolicyEntity> custom = customNames.isEmpty() ? Map.of()
                : policies.findByAccountIdAndPolicyNameIn(accountId, customNames).stream()
                        .collect(Collectors.toMap(RamPolicyEntity::getPolicyName, Function.identity()));

        List<PolicyDocument> documents = new ArrayList<>();
        for (UserPolicyEntity attachment : attached) {
            if (attachment.getPolicyType() == PolicyType.SYSTEM) {
                SystemPolicies.find(attachment.getPolicyName()).map(SystemPolicy::parsed).ifPresent(documents::add);
            } else if (custom.containsKey(attachment.getPolicyName())) {
                documents.add(PolicyDocument.parse(custom.get(attachment.getPolicyName()).getPolicyDocument()));
            }
        }
        return documents;
    }

    /** Returns a policy of the account, or of the system. */
    Optional<PolicyInfo> find(String accountId, PolicyType type, String policyName) {
        if (type == PolicyType.SYSTEM) {
            return SystemPolicies.find(policyName).map(RamPolicyService::info);
        }
        return policies.findByAccountIdAndPolicyName(accountId, policyName).map(RamPolicyService::info);
    }

    /** Returns a policy of the account, or of the system, or throws {@code EntityNotExist.Policy}. */
    PolicyInfo existing(String accountId, PolicyType type, String policyName) {
        return find(accountId, type, policyName).orElseThrow(RamPolicyService::policyNotFound);
    }

    private static void verify(String policyName, String policyDocument, String description) {
        RamNames.verifyPolicyName(policyName);
        RamNames.verifyPolicyDescription(description);
        RamNames.verifyPolicyDocument(policyDocument);
    }

    private RamPolicyEntity insert(String accountId, String policyName, String description, String policyDocument) {
        accounts.lockAccount(accountId);
        // NOTE: Alibaba Cloud does not document a custom policy named like a system policy, so this rejects it.
        if (policies.existsByAccountIdAndPolicyName(accountId, policyName)
                || SystemPolicies.find(policyName).isPresent()) {
            throw KmsException.of(ErrorCode.POLICY_ALREADY_EXISTS);
        }
        if (policies.countByAccountId(accountId) >= RamLimits.CUSTOM_POLICIES_PER_ACCOUNT) {
            throw KmsException.of(ErrorCode.POLICY_LIMIT_EXCEEDED);
        }
        Instant now = clock.instant();
        try {
            return policies.saveAndFlush(new RamPolicyEntity(UUID.randomUUID().toString(), accountId, policyName,
                    description, policyDocument, FIRST_VERSION, now));
        } catch (DataIntegrityViolationException e) {
            // Another instance created the same name between the check and the insert.
            throw KmsException.of(ErrorCode.POLICY_ALREADY_EXISTS);
        }
    }

    private List<PolicyInfo> allPolicies(String accountId) {
        List<PolicyInfo> all = new ArrayList<>(SystemPolicies.all().stream().map(RamPolicyService::info).toList());
        policies.findByAccountIdOrderByPolicyNameAsc(accountId).stream().map(RamPolicyService::info).forEach(all::add);
        all.sort(LIST_ORDER);
        return all;
    }

    private static Policy summary(PolicyInfo policy, int attachmentCount, String policyDocument) {
        return new Policy(policy.name(), policy.type().wireName(), policy.description(), policy.defaultVersion(),
                WireDates.format(policy.createdAt()), WireDates.format(policy.updatedAt()), attachmentCount,
                policyDocument, null);
    }

    private static String encodeMarker(PolicyInfo policy) {
        return ListMarkers.encode(policy.type().wireName() + ":" + policy.name());
    }

    private static PolicyInfo decodeMarker(String marker) {
        String[] parts = ListMarkers.decode(marker).split(":", 2);
        if (parts.length != 2 || !(parts[0].equals("System") || parts[0].equals("Custom"))) {
            throw KmsException.invalidParameter("Marker", marker,
                    "is not a marker returned by the previous page of this list");
        }
        return new PolicyInfo(PolicyType.fromWireName(parts[0]), parts[1], null, null, null, null, null);
    }

    private static PolicyInfo info(SystemPolicy policy) {
        return new PolicyInfo(PolicyType.SYSTEM, policy.name(), policy.description(), SystemPolicies.VERSION,
                policy.document(), SystemPolicies.DATE, SystemPolicies.DATE);
    }

    private static PolicyInfo info(RamPolicyEntity policy) {
        return new PolicyInfo(PolicyType.CUSTOM, policy.getPolicyName(), policy.getDescription(),
                policy.getDefaultVersion(), policy.getPolicyDocument(), policy.getCreatedAt(), policy.getUpdatedAt());
    }

    private static KmsException policyNotFound() {
        return KmsException.of(ErrorCode.POLICY_NOT_FOUND);
    }

    /**
     * A custom or system policy as the service layer reads it.
     *
     * @param type System or Custom
     * @param name the policy name
     * @param description the description, or null
     * @param defaultVersion the default version ID, such as {@code v1}
     * @param document the default version's document as JSON text
     * @param createdAt when the policy was created
     * @param updatedAt when the default version's document was last set
     */
    record PolicyInfo(PolicyType type, String name, String description, String defaultVersion, String document,
            Instant createdAt, Instant updatedAt) {
    }
}
