package dev.localkms.support;

import com.aliyuncs.http.MethodType;
import dev.localkms.sdk.PopKmsDriver;
import dev.localkms.sdk.TeaKmsDriver;
import org.springframework.test.context.TestPropertySource;

/**
 * Base of the integration tests that need the data of {@code src/test/resources/seed/seeded-it.yml}:
 * accounts A (the default account) and B, RAM users with access keys and policies, keys with fixed IDs
 * and aliases. Every subclass shares one Spring context. Tests that change seeded rows must put them
 * back, for example by calling {@code SeedLoader.load()}, which restores what the file lists.
 */
@TestPropertySource(properties = "kms.seed-file=classpath:seed/seeded-it.yml")
public abstract class SeededIntegrationTest extends IntegrationTest {

    protected static final String SEED_FILE = "classpath:seed/seeded-it.yml";

    protected static final String ACCOUNT_A = ACCOUNT_ID;
    protected static final String ACCOUNT_B = "9876543210987654";
    protected static final String ACCOUNT_B_ROOT_ACCESS_KEY_ID = "LTAISeedAccountBRoot0001";
    protected static final String ACCOUNT_B_ROOT_SECRET = "SeedSecretAccountBRoot00000001";
    protected static final String SHANGHAI = "cn-shanghai";

    /** Key in A, cn-hangzhou: the "original" key of the alias guide, the target of alias/seeded-a. */
    protected static final String KEY_ORIGINAL = "08ec3bb9-034f-485b-b1cd-3459baa80001";
    /** Key in A, cn-hangzhou: the "new" key of the alias guide. */
    protected static final String KEY_NEW = "127d2f84-ee5f-4f4d-9d41-dbc1aca20001";
    /** Key in A, cn-hangzhou, Disabled. */
    protected static final String KEY_DISABLED = "d15ab1ed-7e57-4000-8000-000000000001";
    /** Key in A, cn-hangzhou, PendingDeletion, the target of alias/seeded-pending. */
    protected static final String KEY_PENDING_DELETION = "de1e7e00-7e57-4000-8000-000000000001";
    /** Key in A, cn-shanghai, the target of alias/example in cn-shanghai. */
    protected static final String KEY_SHANGHAI = "5a4a1a10-7e57-4000-8000-000000000001";
    /** Key in B, cn-hangzhou, the target of alias/example of account B. */
    protected static final String KEY_ACCOUNT_B = "b0b0b0b0-7e57-4000-8000-000000000001";

    protected static final String ALIAS_EXAMPLE = "alias/example";
    protected static final String ALIAS_SEEDED_A = "alias/seeded-a";
    protected static final String ALIAS_SEEDED_PENDING = "alias/seeded-pending";

    /** Has AliasCreateExample: kms:CreateAlias on KEY_ORIGINAL and alias/example. */
    protected static final SeededUser ALIAS_CREATOR =
            new SeededUser(ACCOUNT_A, "alias-creator", "LTAISeedAliasCreator0001", "SeedSecretAliasCreator00000001");
    /** Has AliasUpdateExample: kms:UpdateAlias on KEY_ORIGINAL, KEY_NEW and alias/example. */
    protected static final SeededUser ALIAS_UPDATER =
            new SeededUser(ACCOUNT_A, "alias-updater", "LTAISeedAliasUpdater0001", "SeedSecretAliasUpdater00000001");
    /** Has EncryptWithKeyExample: kms:Encrypt on KEY_ORIGINAL, the key of alias/seeded-a. */
    protected static final SeededUser KEY_ENCRYPTER = new SeededUser(ACCOUNT_A, "key-encrypter",
            "LTAISeedKeyEncrypter0001", "SeedSecretKeyEncrypter00000001");
    /** Has EncryptWithAliasOnlyExample: kms:Encrypt on the ARN of alias/seeded-a only. */
    protected static final SeededUser ALIAS_ENCRYPTER = new SeededUser(ACCOUNT_A, "alias-encrypter",
            "LTAISeedAliasEncrypter01", "SeedSecretAliasEncrypter000001");
    /** Has AliasListExample: kms:ListAliases on the cn-hangzhou alias container. */
    protected static final SeededUser ALIAS_LISTER =
            new SeededUser(ACCOUNT_A, "alias-lister", "LTAISeedAliasLister00001", "SeedSecretAliasLister000000001");
    /** Has AliasListByKeyExample: kms:ListAliasesByKeyId on KEY_NEW. */
    protected static final SeededUser ALIAS_KEY_LISTER = new SeededUser(ACCOUNT_A, "alias-key-lister",
            "LTAISeedAliasKeyLister01", "SeedSecretAliasKeyLister000001");
    /** Has AliasDeleteExample: kms:DeleteAlias on KEY_NEW and alias/example. */
    protected static final SeededUser ALIAS_DELETER =
            new SeededUser(ACCOUNT_A, "alias-deleter", "LTAISeedAliasDeleter0001", "SeedSecretAliasDeleter00000001");
    /** Has AliyunKMSFullAccess (System) and DenyDeleteAlias (Custom, Deny kms:DeleteAlias on *). */
    protected static final SeededUser ALLOW_DENY_USER = new SeededUser(ACCOUNT_A, "allow-deny-user",
            "LTAISeedAllowDenyUser001", "SeedSecretAllowDenyUser0000001");
    /** Has AliyunKMSFullAccess, but its only access key is Inactive. */
    protected static final SeededUser INACTIVE_KEY_USER = new SeededUser(ACCOUNT_A, "inactive-key-user",
            "LTAISeedInactiveKey00001", "SeedSecretInactiveKey000000001");
    /** Has AliyunKMSReadOnlyAccess (System). */
    protected static final SeededUser KMS_READER =
            new SeededUser(ACCOUNT_A, "kms-reader", "LTAISeedKmsReader0000001", "SeedSecretKmsReader00000000001");
    /** Has no policies. */
    protected static final SeededUser NO_POLICY_USER = new SeededUser(ACCOUNT_A, "no-policy-user",
            "LTAISeedNoPolicyUser0001", "SeedSecretNoPolicyUser00000001");
    /** User of account B with AliyunKMSFullAccess. */
    protected static final SeededUser ACCOUNT_B_ADMIN =
            new SeededUser(ACCOUNT_B, "b-admin", "LTAISeedAccountBAdmin001", "SeedSecretAccountBAdmin0000001");

    /** Returns a current-SDK KMS client (V3 signatures) that signs as {@code user}, in the default region. */
    protected TeaKmsDriver teaAs(SeededUser user) {
        return new TeaKmsDriver(port, user.accessKeyId(), user.secret(), false, DEFAULT_REGION);
    }

    /**
     * Returns a legacy-SDK KMS client that signs as {@code user} in {@code regionId}. The current SDK sends
     * no RegionId, so its requests always act in the default region.
     */
    protected PopKmsDriver popAs(SeededUser user, String regionId) {
        return new PopKmsDriver(port, user.accessKeyId(), user.secret(), regionId, MethodType.POST);
    }

    /**
     * A RAM user of the seed file with its access key.
     *
     * @param accountId the account the user belongs to
     * @param name the user name
     * @param accessKeyId the user's access key ID
     * @param secret the access key secret
     */
    public record SeededUser(String accountId, String name, String accessKeyId, String secret) {

        @Override
        public String toString() {
            return "SeededUser[" + name + "@" + accountId + "]";
        }
    }
}
