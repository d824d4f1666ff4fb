package dev.localkms.common;

/** Builds the Alibaba Cloud resource names of KMS resources. */
public final class Arns {

    private Arns() {
    }

    /** Returns {@code acs:kms:<region>:<account>:key/<keyId>}. */
    public static String key(String regionId, String accountId, String keyId) {
        return "acs:kms:%s:%s:key/%s".formatted(regionId, accountId, keyId);
    }

    /** Returns {@code acs:kms:<region>:<account>:alias/<name>}; {@code aliasName} starts with {@code alias/}. */
    public static String alias(String regionId, String accountId, String aliasName) {
        return "acs:kms:%s:%s:%s".formatted(regionId, accountId, aliasName);
    }

    /** Returns the key container {@code acs:kms:<region>:<account>:key}, the resource of CreateKey and ListKeys. */
    public static String keyContainer(String regionId, String accountId) {
        return "acs:kms:%s:%s:key".formatted(regionId, accountId);
    }

    /** Returns the alias container {@code acs:kms:<region>:<account>:alias}, the resource of ListAliases. */
    public static String aliasContainer(String regionId, String accountId) {
        return "acs:kms:%s:%s:alias".formatted(regionId, accountId);
    }
}
