package dev.localkms.ram;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.localkms.auth.Caller;
import dev.localkms.config.KmsProperties;
import dev.localkms.config.KmsProperties.PolicyEnforcement;
import dev.localkms.error.ErrorCode;
import dev.localkms.error.KmsException;
import dev.localkms.ram.policy.AuthorizationRequest;
import dev.localkms.ram.policy.Decision;
import dev.localkms.ram.policy.PolicyEvaluator;
import dev.localkms.ram.policy.RequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Decides whether a caller may run an action on a list of resources. An account's root may do
 * anything in its own account. A RAM user needs an Allow on every resource and no Deny on any, from
 * the policies attached to it. Resources always belong to the caller's account, so nothing crosses
 * accounts.
 */
@Service
public class Authorizer {

    private static final Logger log = LoggerFactory.getLogger(Authorizer.class);

    private final UserPolicies userPolicies;
    private final KmsProperties properties;
    private final Clock clock;

    public Authorizer(UserPolicies userPolicies, KmsProperties properties, Clock clock) {
        this.userPolicies = userPolicies;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Checks that the caller may run {@code action} (such as {@code kms:CreateAlias}) on every resource.
     *
     * @throws KmsException {@code Forbidden.NoPermission} with {@code AccessDeniedDetail} when it may not
     */
    public void authorize(Caller caller, String action, List<String> resources) {
        authorize(caller, action, resources, ErrorCode.NO_PERMISSION);
    }

    /**
     * Checks a permission as {@link #authorize(Caller, String, List)} does, failing with {@code denialCode},
     * so that RAM actions can reply with RAM's own {@code NoPermission}.
     */
    public void authorize(Caller caller, String action, List<String> resources, ErrorCode denialCode) {
        if (properties.policyEnforcement() == PolicyEnforcement.OFF || caller.isRoot()) {
            return;
        }
        RequestContext context = new RequestContext(caller.sourceIp(), clock.instant(), caller.secureTransport());
        Decision decision = PolicyEvaluator.evaluate(userPolicies.documentsFor(caller.accountId(), caller.userId()),
                new AuthorizationRequest(action, resources, context));
        if (decision.isAllowed()) {
            return;
        }
        String denialType = decision.effect() == Decision.Effect.EXPLICIT_DENY ? "ExplicitDeny" : "ImplicitDeny";
        boolean soft = properties.policyEnforcement() == PolicyEnforcement.SOFT;
        log.info("{} {} by {} (access key {}) on {}: {} on {}", soft ? "Allowed despite policy" : "Denied", action,
                caller.principal(), caller.accessKeyId(), resources, denialType, decision.deniedResource());
        if (soft) {
            return;
        }
        throw KmsException.accessDenied(denialCode, denialMessage(denialCode, action, decision, denialType),
                accessDeniedDetail(caller, action, denialType));
    }

    private static String denialMessage(ErrorCode denialCode, String action, Decision decision, String denialType) {
        return "%s Resource: %s Action: %s (%s)".formatted(denialCode.messageTemplate(), decision.deniedResource(),
                action, denialType);
    }

    private static Map<String, Object> accessDeniedDetail(Caller caller, String action, String denialType) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("AuthAction", action);
        detail.put("AuthPrincipalType", caller.principalType().wireName());
        detail.put("AuthPrincipalOwnerId", caller.accountId());
        detail.put("AuthPrincipalDisplayName", caller.userName());
        detail.put("NoPermissionType", denialType);
        detail.put("PolicyType", "AccountLevelIdentityBasedPolicy");
        return detail;
    }
}
