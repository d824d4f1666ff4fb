package dev.localkms.ram.policy;

import dev.localkms.error.ErrorCode;
import dev.localkms.error.KmsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reader of policy documents: turns JSON text into a {@link PolicyDocument} and rejects documents
 * that break the grammar with {@code MalformedPolicyDocument}.
 *
 * <p>Elements that the grammar does not name, such as {@code Principal} or a misspelt {@code Conditon},
 * are rejected, because ignoring them would quietly widen the policy. NOTE: whether Alibaba Cloud
 * rejects such elements in identity policies is not documented.
 */
final class PolicyDocumentParser {

    private static final String SUPPORTED_VERSION = "1";
    private static final Set<String> DOCUMENT_ELEMENTS = Set.of("Version", "Statement", "Id");
    private static final Set<String> STATEMENT_ELEMENTS =
            Set.of("Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition");

    private static final JsonMapper MAPPER = JsonMapper.builder()
            // A duplicate element, such as two Action keys, would otherwise be silently dropped.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // Keeps decimal condition values such as 0.1 exact for the Numeric operators.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private PolicyDocumentParser() {
    }

    static PolicyDocument parse(String json) {
        JsonNode root = readTree(json);
        if (!root.isObject()) {
            throw malformed("The policy document must be a JSON object.");
        }
        String version = readVersion(root);
        List<JsonNode> statementNodes = readStatementNodes(root);

        List<Statement> statements = new ArrayList<>();
        for (int i = 0; i < statementNodes.size(); i++) {
            statements.add(readStatement(statementNodes.get(i), i + 1));
        }
        return new PolicyDocument(version, statements);
    }

    private static JsonNode readTree(String json) {
        if (json == null || json.isBlank()) {
            throw malformed("The policy document is empty.");
        }
        try {
            return MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw malformed("The policy document is not valid JSON: %s (line %d, column %d)."
                    .formatted(conciseReason(e), e.getLocation().getLineNr(), e.getLocation().getColumnNr()));
        }
    }

    /** Returns the parser's reason without the source description that Jackson appends. */
    private static String conciseReason(JacksonException e) {
        String reason = e.getOriginalMessage();
        int source = reason.indexOf(" [Source");
        reason = source >= 0 ? reason.substring(0, source) : reason;
        int lineBreak = reason.indexOf('\n');
        return (lineBreak >= 0 ? reason.substring(0, lineBreak) : reason).strip();
    }

    private static void rejectUnknownElements(JsonNode node, Set<String> known, String where) {
        for (Map.Entry<String, JsonNode> element : node.properties()) {
            if (!known.contains(element.getKey())) {
                throw malformed("%s has the unknown element \"%s\"; the known elements are %s."
                        .formatted(where, element.getKey(), known.stream().sorted().toList()));
            }
        }
    }

    private static String readVersion(JsonNode root) {
        rejectUnknownElements(root, DOCUMENT_ELEMENTS, "The policy document");
        JsonNode version = root.get("Version");
        if (version == null) {
            throw malformed("The policy document is missing the Version element. Set \"Version\": \"1\".");
        }
        if (!version.isString() || !version.stringValue().equals(SUPPORTED_VERSION)) {
            throw malformed("The policy Version must be \"1\", not %s.".formatted(version));
        }
        return version.stringValue();
    }

    private static List<JsonNode> readStatementNodes(JsonNode root) {
        JsonNode statement = root.get("Statement");
        if (statement == null) {
            throw malformed(
                    "The policy document is missing the Statement element. Add a statement object or a list of them.");
        }
        if (statement.isObject()) {
            return List.of(statement);
        }
        if (!statement.isArray()) {
            throw malformed("The Statement element must be an object or a list of objects.");
        }
        if (statement.isEmpty()) {
            throw malformed("The Statement element is empty. Add at least one statement.");
        }
        List<JsonNode> statements = new ArrayList<>(statement.values());
        for (int i = 0; i < statements.size(); i++) {
            if (!statements.get(i).isObject()) {
                throw malformed("Statement %d must be a JSON object.".formatted(i + 1));
            }
        }
        return statements;
    }

    private static Statement readStatement(JsonNode node, int number) {
        rejectUnknownElements(node, STATEMENT_ELEMENTS, "Statement " + number);
        String sid = readSid(node, number);
        Statement.Effect effect = readEffect(node, number);
        PatternElement actions = readPatternElement(node, number, "Action", "NotAction",
                PatternElement::actions, "Add an Action or NotAction element to the policy statement.");
        PatternElement resources = readPatternElement(node, number, "Resource", "NotResource",
                PatternElement::resources, "Add a Resource or NotResource element to the policy statement.");
        List<Condition> conditions = ConditionBlockParser.readConditions(node.get("Condition"), number);
        return new Statement(sid, effect, actions, resources, conditions);
    }

    private static String readSid(JsonNode node, int number) {
        JsonNode sid = node.get("Sid");
        if (sid == null) {
            return null;
        }
        if (!sid.isString()) {
            throw malformed("The Sid of statement %d must be a string.".formatted(number));
        }
        return sid.stringValue();
    }

    private static Statement.Effect readEffect(JsonNode node, int number) {
        JsonNode effect = node.get("Effect");
        if (effect == null) {
            throw malformed("Statement %d is missing the Effect element. Set it to \"Allow\" or \"Deny\"."
                    .formatted(number));
        }
        // Compared case-sensitively, because Alibaba Cloud writes only Allow and Deny and documents no other spelling.
        for (Statement.Effect candidate : Statement.Effect.values()) {
            if (effect.isString() && effect.stringValue().equals(candidate.policyName())) {
                return candidate;
            }
        }
        throw malformed("The Effect of statement %d must be \"Allow\" or \"Deny\", not %s.".formatted(number, effect));
    }

    private static PatternElement readPatternElement(JsonNode node, int number, String name, String negatedName,
            BiFunction<List<String>, Boolean, PatternElement> factory, String missingMessage) {
        JsonNode positive = node.get(name);
        JsonNode negative = node.get(negatedName);
        if (positive == null && negative == null) {
            throw malformed(missingMessage);
        }
        if (positive != null && negative != null) {
            throw malformed("Statement %d has both %s and %s. Use only one of them."
                    .formatted(number, name, negatedName));
        }
        boolean negated = positive == null;
        String elementName = negated ? negatedName : name;
        return factory.apply(readStringList(negated ? negative : positive, number, elementName), negated);
    }

    private static List<String> readStringList(JsonNode node, int number, String elementName) {
        if (node.isString()) {
            return List.of(node.stringValue());
        }
        if (node.isArray() && !node.isEmpty() && node.values().stream().allMatch(JsonNode::isString)) {
            return node.values().stream().map(JsonNode::stringValue).toList();
        }
        throw malformed("The %s element of statement %d must be a string or a non-empty list of strings."
                .formatted(elementName, number));
    }

    static KmsException malformed(String message) {
        return KmsException.withMessage(ErrorCode.MALFORMED_POLICY_DOCUMENT, message);
    }
}
