package dev.localkms.ram;

import java.util.List;

import dev.localkms.ram.policy.PolicyDocument;

/** Supplies the documents of every policy attached to a RAM user, in force now. */
@FunctionalInterface
public interface UserPolicies {

    List<PolicyDocument> documentsFor(String accountId, String userId);
}
