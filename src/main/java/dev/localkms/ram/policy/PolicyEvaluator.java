package dev.localkms.ram.policy;

import java.util.List;
import java.util.Optional;

/**
 * Evaluator of identity policies: decides whether an action is allowed on every resource it needs.
 *
 * <p>For each resource, a matching Deny statement denies, whatever else matches. Otherwise a
 * matching Allow statement allows, and nothing is allowed by default. An action on several resources
 * is allowed only if every resource is allowed, and an explicit deny on any resource wins over an
 * implicit deny on another.
 */
public final class PolicyEvaluator {

    private PolicyEvaluator() {
    }

    /** Evaluates the policies attached to a caller against one request. */
    public static Decision evaluate(List<PolicyDocument> policies, AuthorizationRequest request) {
        List<Statement> statements = policies.stream()
                .flatMap(policy -> policy.statements().stream())
                .toList();

        for (String resource : request.resources()) {
            Optional<Statement> deny = findApplying(statements, Statement.Effect.DENY, request, resource);
            if (deny.isPresent()) {
                return Decision.explicitDeny(resource, deny.get());
            }
        }
        for (String resource : request.resources()) {
            if (findApplying(statements, Statement.Effect.ALLOW, request, resource).isEmpty()) {
                return Decision.implicitDeny(resource);
            }
        }
        return Decision.allow();
    }

    private static Optional<Statement> findApplying(List<Statement> statements, Statement.Effect effect,
            AuthorizationRequest request, String resource) {
        return statements.stream()
                .filter(statement -> statement.effect() == effect)
                .filter(statement -> statement.appliesTo(request.action(), resource, request.context()))
                .findFirst();
    }
}
