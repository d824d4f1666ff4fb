package dev.localkms.ram.policy;

import java.util.List;

/**
 * Question put to the policy evaluator: may the caller perform the action on all these resources?
 *
 * @param action    the action, such as {@code kms:CreateAlias}
 * @param resources the ARNs the action needs permission on, at least one
 * @param context   the request facts that conditions test
 */
public record AuthorizationRequest(String action, List<String> resources, RequestContext context) {

    public AuthorizationRequest {
        resources = List.copyOf(resources);
        if (resources.isEmpty()) {
            throw new IllegalArgumentException(
                    "An authorization request for " + action + " needs at least one resource");
        }
    }
}
