package dev.localkms.ram.policy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Condition operator of the RAM policy language: the type of its values, how it compares the
 * request's value with each listed value, and whether it is negated.
 */
public enum ConditionOperator {

    STRING_EQUALS("StringEquals", ValueType.STRING, Comparison.EQUALS, false),
    STRING_NOT_EQUALS("StringNotEquals", ValueType.STRING, Comparison.EQUALS, true),
    STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", ValueType.STRING, Comparison.EQUALS_IGNORE_CASE, false),
    STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", ValueType.STRING, Comparison.EQUALS_IGNORE_CASE, true),
    STRING_LIKE("StringLike", ValueType.STRING, Comparison.LIKE, false),
    STRING_NOT_LIKE("StringNotLike", ValueType.STRING, Comparison.LIKE, true),

    NUMERIC_EQUALS("NumericEquals", ValueType.NUMBER, Comparison.EQUALS, false),
    NUMERIC_NOT_EQUALS("NumericNotEquals", ValueType.NUMBER, Comparison.EQUALS, true),
    NUMERIC_LESS_THAN("NumericLessThan", ValueType.NUMBER, Comparison.LESS_THAN, false),
    NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", ValueType.NUMBER, Comparison.LESS_THAN_EQUALS, false),
    NUMERIC_GREATER_THAN("NumericGreaterThan", ValueType.NUMBER, Comparison.GREATER_THAN, false),
    NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", ValueType.NUMBER, Comparison.GREATER_THAN_EQUALS, false),

    DATE_EQUALS("DateEquals", ValueType.DATE, Comparison.EQUALS, false),
    DATE_NOT_EQUALS("DateNotEquals", ValueType.DATE, Comparison.EQUALS, true),
    DATE_LESS_THAN("DateLessThan", ValueType.DATE, Comparison.LESS_THAN, false),
    DATE_LESS_THAN_EQUALS("DateLessThanEquals", ValueType.DATE, Comparison.LESS_THAN_EQUALS, false),
    DATE_GREATER_THAN("DateGreaterThan", ValueType.DATE, Comparison.GREATER_THAN, false),
    DATE_GREATER_THAN_EQUALS("DateGreaterThanEquals", ValueType.DATE, Comparison.GREATER_THAN_EQUALS, false),

    BOOL("Bool", ValueType.BOOLEAN, Comparison.EQUALS, false),

    IP_ADDRESS("IpAddress", ValueType.IP_ADDRESS, Comparison.IN_RANGE, false),
    NOT_IP_ADDRESS("NotIpAddress", ValueType.IP_ADDRESS, Comparison.IN_RANGE, true);

    private enum ValueType { STRING, NUMBER, DATE, BOOLEAN, IP_ADDRESS }

    private enum Comparison {
        EQUALS, EQUALS_IGNORE_CASE, LIKE, LESS_THAN, LESS_THAN_EQUALS, GREATER_THAN, GREATER_THAN_EQUALS, IN_RANGE
    }

    private static final Pattern EPOCH_SECONDS = Pattern.compile("-?\\d{1,16}");

    private final String policyName;
    private final ValueType valueType;
    private final Comparison comparison;
    private final boolean negated;

    ConditionOperator(String policyName, ValueType valueType, Comparison comparison, boolean negated) {
        this.policyName = policyName;
        this.valueType = valueType;
        this.comparison = comparison;
        this.negated = negated;
    }

    /**
     * Returns the operator with this name as written in a policy. Names are compared case-sensitively,
     * because Alibaba Cloud documents only the spelling used here.
     */
    public static Optional<ConditionOperator> fromPolicyName(String name) {
        return Arrays.stream(values()).filter(operator -> operator.policyName.equals(name)).findFirst();
    }

    /** Returns the name of the operator as written in a policy, such as {@code StringEquals}. */
    public String policyName() {
        return policyName;
    }

    /** Returns true for operators that are satisfied when the request's value matches none of the listed values. */
    public boolean negated() {
        return negated;
    }

    /**
     * Reads a value listed in a policy into the form that {@link #matches} compares.
     *
     * @param text the value as written, with JSON numbers and booleans in their JSON spelling
     * @throws IllegalArgumentException if the value is not of this operator's type
     */
    Object readPolicyValue(String text) {
        Optional<?> value = valueType == ValueType.IP_ADDRESS ? readIpAddressRange(text) : readRequestValue(text);
        return value.orElseThrow(() -> new IllegalArgumentException(
                "%s needs %s values, not \"%s\"".formatted(policyName, describe(valueType), text)));
    }

    /**
     * Reads the request's value of a condition key, or returns empty if it is not of this operator's
     * type. Listed values are read the same way, except that IP operators list address ranges.
     */
    Optional<?> readRequestValue(String text) {
        return switch (valueType) {
            case STRING -> Optional.of(text);
            case NUMBER -> readNumber(text);
            case DATE -> readDate(text);
            case BOOLEAN -> readBoolean(text);
            case IP_ADDRESS -> IpAddressRange.parseAddress(text);
        };
    }

    /** Returns whether the request's value matches one listed value, both read by this operator. */
    boolean matches(Object requestValue, Object listedValue) {
        return switch (comparison) {
            case EQUALS -> compare(requestValue, listedValue) == 0;
            case EQUALS_IGNORE_CASE -> ((String) requestValue).equalsIgnoreCase((String) listedValue);
            case LIKE -> WildcardMatcher.matches((String) listedValue, (String) requestValue, false);
            case LESS_THAN -> compare(requestValue, listedValue) < 0;
            case LESS_THAN_EQUALS -> compare(requestValue, listedValue) <= 0;
            case GREATER_THAN -> compare(requestValue, listedValue) > 0;
            case GREATER_THAN_EQUALS -> compare(requestValue, listedValue) >= 0;
            case IN_RANGE -> ((IpAddressRange) listedValue).contains((byte[]) requestValue);
        };
    }

    private static Optional<BigDecimal> readNumber(String text) {
        try {
            return Optional.of(new BigDecimal(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Reads ISO-8601 with an offset ({@code 2019-08-12T17:00:00+08:00} or {@code ...Z}), or epoch seconds. */
    private static Optional<Instant> readDate(String text) {
        if (EPOCH_SECONDS.matcher(text).matches()) {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(text)));
        }
        try {
            return Optional.of(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Boolean> readBoolean(String text) {
        if (text.equalsIgnoreCase("true")) {
            return Optional.of(true);
        }
        if (text.equalsIgnoreCase("false")) {
            return Optional.of(false);
        }
        return Optional.empty();
    }

    private static Optional<IpAddressRange> readIpAddressRange(String text) {
        try {
            return Optional.of(IpAddressRange.parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String describe(ValueType valueType) {
        return switch (valueType) {
            case STRING -> "string";
            case NUMBER -> "numeric";
            case DATE -> "ISO-8601 date-time (such as 2019-08-12T17:00:00+08:00) or epoch-second";
            case BOOLEAN -> "\"true\" or \"false\"";
            case IP_ADDRESS -> "IP address or CIDR block";
        };
    }

    // Safe because one operator reads both sides as the same Comparable type: String, BigDecimal, Instant or Boolean.
    @SuppressWarnings("unchecked")
    private static int compare(Object requestValue, Object listedValue) {
        return ((Comparable<Object>) requestValue).compareTo(listedValue);
    }
}
