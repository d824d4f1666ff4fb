package dev.localkms.ram.policy;

import static dev.localkms.ram.policy.PolicyDocumentParser.malformed;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Reader of a statement's Condition block, {@code {Operator: {Key: value or [values]}}}, into one
 * {@link Condition} per operator and key.
 */
final class ConditionBlockParser {

    private ConditionBlockParser() {
    }

    /** Reads the Condition element of statement {@code number}. A missing element means no conditions. */
    static List<Condition> readConditions(JsonNode block, int number) {
        if (block == null) {
            return List.of();
        }
        if (!block.isObject()) {
            throw malformed("The Condition element of statement %d must be a JSON object.".formatted(number));
        }
        List<Condition> conditions = new ArrayList<>();
        for (Map.Entry<String, JsonNode> operatorEntry : block.properties()) {
            ConditionOperator operator = ConditionOperator.fromPolicyName(operatorEntry.getKey())
                    .orElseThrow(() -> malformed("Statement %d uses the unknown condition operator \"%s\"."
                            .formatted(number, operatorEntry.getKey())));
            JsonNode keys = operatorEntry.getValue();
            if (!keys.isObject()) {
                throw malformed("The %s block of statement %d must be a JSON object of condition keys and values."
                        .formatted(operator.policyName(), number));
            }
            for (Map.Entry<String, JsonNode> keyEntry : keys.properties()) {
                List<Object> values = readValues(operator, keyEntry.getKey(), keyEntry.getValue(), number);
                conditions.add(new Condition(operator, keyEntry.getKey(), values));
            }
        }
        return conditions;
    }

    private static List<Object> readValues(ConditionOperator operator, String key, JsonNode node, int number) {
        List<JsonNode> valueNodes = node.isArray() ? new ArrayList<>(node.values()) : List.of(node);
        if (valueNodes.isEmpty() || !valueNodes.stream().allMatch(ConditionBlockParser::isScalar)) {
            throw malformed(("The value of %s under %s in statement %d must be a string, number or boolean,"
                    + " or a non-empty list of them.").formatted(key, operator.policyName(), number));
        }
        List<Object> values = new ArrayList<>();
        for (JsonNode valueNode : valueNodes) {
            try {
                values.add(operator.readPolicyValue(valueNode.asString()));
            } catch (IllegalArgumentException e) {
                throw malformed("The value of %s in statement %d is invalid: %s."
                        .formatted(key, number, e.getMessage()));
            }
        }
        return values;
    }

    private static boolean isScalar(JsonNode node) {
        return node.isString() || node.isNumber() || node.isBoolean();
    }
}
