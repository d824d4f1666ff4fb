package dev.localkms.ram.policy;

import java.util.List;
import java.util.Optional;

/**
 * One key under one operator of a statement's Condition block, such as
 * {@code "IpAddress": {"acs:SourceIp": ["10.0.0.0/8", "192.168.0.1"]}}.
 *
 * @param operator     the condition operator
 * @param key          the condition key as written in the policy
 * @param listedValues the values listed for the key, already read by the operator; never empty
 */
public record Condition(ConditionOperator operator, String key, List<Object> listedValues) {

    public Condition {
        listedValues = List.copyOf(listedValues);
    }

    /**
     * Returns whether the request satisfies this condition: whether its value of the key matches any
     * listed value, or, for a negated operator, none of them.
     *
     * <p>A key that the request does not provide, or whose value is not of the operator's type, makes
     * the condition false, for negated operators too. So a statement that tests a key this emulator
     * does not model never applies: its Allow grants nothing and its Deny denies nothing. Alibaba Cloud
     * does not document this case.
     */
    public boolean isSatisfiedBy(RequestContext context) {
        return isSatisfiedByValue(context.conditionValue(key).orElse(null));
    }

    /** Tests the request's value of this condition's key, given as text, or null if the request lacks the key. */
    boolean isSatisfiedByValue(String requestText) {
        Optional<?> requestValue = Optional.ofNullable(requestText).flatMap(operator::readRequestValue);
        if (requestValue.isEmpty()) {
            return false;
        }
        boolean anyListedValueMatches = listedValues.stream()
                .anyMatch(listedValue -> operator.matches(requestValue.get(), listedValue));
        return anyListedValueMatches != operator.negated();
    }
}
