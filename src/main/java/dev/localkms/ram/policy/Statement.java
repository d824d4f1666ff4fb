package dev.localkms.ram.policy;

import java.util.List;

/**
 * Statement of a policy document: its effect and the actions, resources and conditions it applies to.
 *
 * @param sid        the optional statement ID, or null
 * @param effect     Allow or Deny
 * @param actions    the Action or NotAction element
 * @param resources  the Resource or NotResource element
 * @param conditions the conditions, all of which must hold; empty when the statement has none
 */
public record Statement(String sid, Effect effect, PatternElement actions, PatternElement resources,
        List<Condition> conditions) {

    /** Effect of a statement that applies to a request. */
    public enum Effect {
        ALLOW("Allow"), DENY("Deny");

        private final String policyName;

        Effect(String policyName) {
            this.policyName = policyName;
        }

        /** Returns the effect as written in a policy, {@code Allow} or {@code Deny}. */
        public String policyName() {
            return policyName;
        }
    }

    public Statement {
        conditions = List.copyOf(conditions);
    }

    /** Returns whether this statement applies to the action on one resource in the given context. */
    public boolean appliesTo(String action, String resource, RequestContext context) {
        return actions.matches(action)
                && resources.matches(resource)
                && conditions.stream().allMatch(condition -> condition.isSatisfiedBy(context));
    }
}
