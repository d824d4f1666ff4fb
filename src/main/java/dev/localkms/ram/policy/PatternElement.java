package dev.localkms.ram.policy;

import java.util.List;

/**
 * Action, NotAction, Resource or NotResource element of a policy statement: a list of wildcard
 * patterns, negated for the {@code Not} forms.
 *
 * @param patterns   the patterns as written in the policy, never empty
 * @param negated    true for NotAction and NotResource, which match every value that no pattern matches
 * @param ignoreCase true to compare letters case-insensitively
 */
public record PatternElement(List<String> patterns, boolean negated, boolean ignoreCase) {

    public PatternElement {
        patterns = List.copyOf(patterns);
    }

    /**
     * Creates an Action or NotAction element. Actions are compared case-insensitively, so
     * {@code kms:createalias} matches {@code kms:CreateAlias}. Alibaba Cloud does not document the
     * case rule, so this follows AWS IAM, where action names are case-insensitive.
     */
    static PatternElement actions(List<String> patterns, boolean negated) {
        return new PatternElement(patterns, negated, true);
    }

    /**
     * Creates a Resource or NotResource element. ARNs are compared case-sensitively because alias
     * names and key IDs are case-sensitive. Alibaba Cloud does not document the rule.
     */
    static PatternElement resources(List<String> patterns, boolean negated) {
        return new PatternElement(patterns, negated, false);
    }

    /** Returns whether this element covers {@code value}. */
    public boolean matches(String value) {
        boolean anyPatternMatches = patterns.stream()
                .anyMatch(pattern -> WildcardMatcher.matches(pattern, value, ignoreCase));
        return anyPatternMatches != negated;
    }
}
