package dev.localkms.bench;

import java.util.List;

/**
 * The deterministic shape of the data that the bulk loader stores and the load phases address, so
 * both compute the same account, key and alias names from indexes alone.
 *
 * <p>Read data: {@code accounts} accounts, each with a scope in every region of {@link #READ_REGIONS}.
 * Each scope contains {@link #KEYS_PER_SCOPE} keys and {@link #ALIASES_PER_SCOPE} aliases, five per key,
 * which stays below the default quotas of 200 keys and 300 aliases per account and region.
 *
 * <p>Write data: {@code writers} further accounts, each with two keys in {@link #WRITE_REGION} and no
 * aliases. CreateAlias spreads its new aliases over them, so every scope stays under the default alias
 * quota of 300 and the service runs with its default quota.
 */
record DataLayout(int accounts, int writers) {

    static final List<String> READ_REGIONS = List.of("cn-hangzhou", "cn-shanghai", "cn-beijing", "cn-shenzhen");
    static final String WRITE_REGION = "cn-qingdao";
    static final int KEYS_PER_SCOPE = 25;
    static final int ALIASES_PER_SCOPE = 125;
    static final int WRITER_KEYS = 2;
    /** Aliases per account and region that the service allows by default ({@code kms.alias-quota}). */
    static final int ALIAS_QUOTA = 300;

    /** Returns the layout that stores {@code aliases} read aliases, rounded up to whole accounts. */
    static DataLayout forAliases(long aliases, int writers) {
        long perAccount = (long) ALIASES_PER_SCOPE * READ_REGIONS.size();
        return new DataLayout((int) Math.max(1, (aliases + perAccount - 1) / perAccount), writers);
    }

    long aliasCount() {
        return (long) accounts * READ_REGIONS.size() * ALIASES_PER_SCOPE;
    }

    int scopeCount() {
        return accounts * READ_REGIONS.size();
    }

    /** Returns the number of aliases that CreateAlias can add before a writer scope reaches its quota. */
    long writeCapacity() {
        return (long) writers * ALIAS_QUOTA;
    }

    static String accountId(int account) {
        return "51%014d".formatted(account);
    }

    static String writerAccountId(int writer) {
        return "52%014d".formatted(writer);
    }

    static RpcV1Signer.Credentials credentials(String accountId) {
        return new RpcV1Signer.Credentials("LTAIbench" + accountId, "bench-secret-" + accountId);
    }

    /** Returns the ID of key {@code key} of read scope {@code scope} (account index times regions plus region index). */
    static String keyId(int scope, int key) {
        return "00000000-0000-4000-8000-%012d".formatted((long) scope * KEYS_PER_SCOPE + key);
    }

    static String writerKeyId(int writer, int key) {
        return "00000000-0000-4000-9000-%012d".formatted((long) writer * WRITER_KEYS + key);
    }

    /** Returns the name of alias {@code alias} of a read scope; alias {@code i} points to key {@code i % KEYS_PER_SCOPE}. */
    static String aliasName(int alias) {
        return "alias/app-%03d".formatted(alias);
    }
}
