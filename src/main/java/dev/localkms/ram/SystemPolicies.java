package dev.localkms.ram;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import dev.localkms.ram.policy.PolicyDocument;

/**
 * The system policies that every account can attach. They are built into the service, not stored.
 * NOTE: Alibaba Cloud does not publish the live documents of these policies. These documents grant the
 * actions that the names describe, and the descriptions and dates are this service's own.
 */
public final class SystemPolicies {

    /** Default version of every system policy. */
    static final String VERSION = "v1";
    /** CreateDate and UpdateDate of every system policy: the release date of the RAM API version. */
    static final Instant DATE = Instant.parse("2015-05-01T00:00:00Z");

    /**
     * One system policy.
     *
     * @param name the policy name
     * @param description the policy description
     * @param document the policy document as JSON text
     * @param parsed the parsed document
     */
    public record SystemPolicy(String name, String description, String document, PolicyDocument parsed) {
    }

    private static final List<SystemPolicy> ALL = Stream.of(
            policy("AdministratorAccess", "Provides full access to Alibaba Cloud services and resources.",
                    "\"*\""),
            policy("AliyunKMSFullAccess", "Provides full access to Key Management Service (KMS).",
                    "\"kms:*\""),
            policy("AliyunKMSReadOnlyAccess", "Provides read-only access to Key Management Service (KMS).",
                    "[\"kms:Describe*\", \"kms:List*\", \"kms:Get*\"]"),
            policy("AliyunKMSCryptoUserAccess",
                    "Provides access to cryptographic operations with Key Management Service (KMS) keys.",
                    "[\"kms:Encrypt\", \"kms:Decrypt\", \"kms:GenerateDataKey*\", \"kms:DescribeKey\", \"kms:List*\"]"),
            policy("AliyunRAMFullAccess", "Provides full access to Resource Access Management (RAM).",
                    "\"ram:*\""),
            policy("AliyunRAMReadOnlyAccess", "Provides read-only access to Resource Access Management (RAM).",
                    "[\"ram:Get*\", \"ram:List*\"]"))
            .sorted(Comparator.comparing(SystemPolicy::name))
            .toList();

    private SystemPolicies() {
    }

    /** Returns every system policy, sorted by name. */
    public static List<SystemPolicy> all() {
        return ALL;
    }

    /** Returns the system policy with this name, compared exactly. */
    public static Optional<SystemPolicy> find(String name) {
        return ALL.stream().filter(policy -> policy.name().equals(name)).findFirst();
    }

    private static SystemPolicy policy(String name, String description, String actionJson) {
        String document = """
                {"Version": "1", "Statement": [{"Effect": "Allow", "Action": %s, "Resource": "*"}]}"""
                .formatted(actionJson);
        return new SystemPolicy(name, description, document, PolicyDocument.parse(document));
    }
}
