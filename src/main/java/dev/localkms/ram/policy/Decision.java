package dev.localkms.ram.policy;

/**
 * Outcome of evaluating policies for one authorization request.
 *
 * @param effect            whether the request is allowed, and if not, why
 * @param deniedResource    the first resource that was denied, or null when the request is allowed
 * @param denyingStatement  the Deny statement that matched, set only for {@link Effect#EXPLICIT_DENY}
 */
public record Decision(Effect effect, String deniedResource, Statement denyingStatement) {

    /** Evaluation result. */
    public enum Effect {
        /** Every resource is allowed by some statement and denied by none. */
        ALLOW,
        /** A Deny statement matches one of the resources. */
        EXPLICIT_DENY,
        /** No Deny matches, but no Allow statement matches one of the resources. */
        IMPLICIT_DENY
    }

    static Decision allow() {
        return new Decision(Effect.ALLOW, null, null);
    }

    static Decision explicitDeny(String resource, Statement denyingStatement) {
        return new Decision(Effect.EXPLICIT_DENY, resource, denyingStatement);
    }

    static Decision implicitDeny(String resource) {
        return new Decision(Effect.IMPLICIT_DENY, resource, null);
    }

    /** Returns true if the request may proceed. */
    public boolean isAllowed() {
        return effect == Effect.ALLOW;
    }
}
