package dev.localkms.ram;

/** Quotas and size limits of RAM, as Alibaba Cloud lists them for an account in December 2025. */
public final class RamLimits {

    /** RAM users per account. */
    public static final int USERS_PER_ACCOUNT = 5000;
    /** Access key pairs per RAM user, counting inactive ones. */
    public static final int ACCESS_KEYS_PER_USER = 2;
    /** Custom policies per account. */
    public static final int CUSTOM_POLICIES_PER_ACCOUNT = 1500;
    /** Custom policies attached to one RAM user. */
    public static final int CUSTOM_POLICIES_PER_USER = 10;
    /** System policies attached to one RAM user. */
    public static final int SYSTEM_POLICIES_PER_USER = 20;
    /** Characters in a policy document. */
    public static final int POLICY_DOCUMENT_LENGTH = 6144;

    private RamLimits() {
    }
}
