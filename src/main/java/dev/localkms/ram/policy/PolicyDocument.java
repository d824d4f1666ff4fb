package dev.localkms.ram.policy;

import java.util.List;

/**
 * RAM policy document: {@code {"Version": "1", "Statement": [...]}}, parsed and validated.
 *
 * @param version    the policy language version, always {@code 1}
 * @param statements the statements in document order, at least one
 */
public record PolicyDocument(String version, List<Statement> statements) {

    public PolicyDocument {
        statements = List.copyOf(statements);
    }

    /**
     * Parses and validates a policy document.
     *
     * @throws dev.localkms.error.KmsException {@code MalformedPolicyDocument}, with a message naming
     *         the element that is wrong
     */
    public static PolicyDocument parse(String json) {
        return PolicyDocumentParser.parse(json);
    }
}
