package dev.localkms.ram;

import java.util.Map;

import dev.localkms.api.ActionHandler;
import dev.localkms.api.ActionRequest;
import dev.localkms.api.Product;
import dev.localkms.api.ProductActions;
import org.springframework.stereotype.Component;

/** The RAM policy and attachment actions: reads their parameters and calls the policy services. */
@Component
class RamPolicyActions implements ProductActions {

    private static final int DEFAULT_MAX_ITEMS = 100;
    private static final int MAX_MAX_ITEMS = 1000;

    private final RamPolicyService policies;
    private final UserPolicyService userPolicies;

    RamPolicyActions(RamPolicyService policies, UserPolicyService userPolicies) {
        this.policies = policies;
        this.userPolicies = userPolicies;
    }

    @Override
    public Product product() {
        return Product.RAM;
    }

    @Override
    public Map<String, ActionHandler> handlers() {
        return Map.of(
                "CreatePolicy", this::createPolicy,
                "GetPolicy", this::getPolicy,
                "ListPolicies", this::listPolicies,
                "DeletePolicy", this::deletePolicy,
                "AttachPolicyToUser", this::attachPolicyToUser,
                "DetachPolicyFromUser", this::detachPolicyFromUser,
                "ListPoliciesForUser", this::listPoliciesForUser);
    }

    /** CreatePolicy. */
    private Object createPolicy(ActionRequest request) {
        return policies.createPolicy(request.caller(), request.required("PolicyName"),
                request.required("PolicyDocument"), request.optional("Description").orElse(null));
    }

    /** GetPolicy. */
    private Object getPolicy(ActionRequest request) {
        return policies.getPolicy(request.caller(), request.required("PolicyType"), request.required("PolicyName"));
    }

    /** ListPolicies. */
    private Object listPolicies(ActionRequest request) {
        return policies.listPolicies(request.caller(), request.optional("PolicyType").orElse(null),
                request.optional("Marker").orElse(null),
                request.integer("MaxItems", DEFAULT_MAX_ITEMS, 1, MAX_MAX_ITEMS));
    }

    /** DeletePolicy. */
    private Object deletePolicy(ActionRequest request) {
        policies.deletePolicy(request.caller(), request.required("PolicyName"));
        return null;
    }

    /** AttachPolicyToUser. */
    private Object attachPolicyToUser(ActionRequest request) {
        userPolicies.attachPolicyToUser(request.caller(), request.required("PolicyType"),
                request.required("PolicyName"), request.required("UserName"));
        return null;
    }

    /** DetachPolicyFromUser. */
    private Object detachPolicyFromUser(ActionRequest request) {
        userPolicies.detachPolicyFromUser(request.caller(), request.required("PolicyType"),
                request.required("PolicyName"), request.required("UserName"));
        return null;
    }

    /** ListPoliciesForUser. */
    private Object listPoliciesForUser(ActionRequest request) {
        return userPolicies.listPoliciesForUser(request.caller(), request.required("UserName"));
    }
}
