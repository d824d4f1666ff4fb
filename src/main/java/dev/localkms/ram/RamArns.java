package dev.localkms.ram;

/** Builds the resource names that RAM actions are authorized on. */
public final class RamArns {

    private RamArns() {
    }

    /** Returns {@code acs:ram:*:<account>:user/<userName>}. */
    public static String user(String accountId, String userName) {
        return "acs:ram:*:%s:user/%s".formatted(accountId, userName);
    }

    /** Returns {@code acs:ram:*:<account>:user/*}, the resource of CreateUser and ListUsers. */
    public static String anyUser(String accountId) {
        return user(accountId, "*");
    }

    /**
     * Returns the policy ARN: {@code acs:ram:*:<account>:policy/<name>} for a custom policy and
     * {@code acs:ram:*:system:policy/<name>} for a system policy.
     */
    public static String policy(String accountId, PolicyType type, String policyName) {
        String owner = type == PolicyType.SYSTEM ? "system" : accountId;
        return "acs:ram:*:%s:policy/%s".formatted(owner, policyName);
    }

    /** Returns {@code acs:ram:*:<account>:policy/*}, the resource of CreatePolicy and ListPolicies. */
    public static String anyPolicy(String accountId) {
        return "acs:ram:*:%s:policy/*".formatted(accountId);
    }
}
