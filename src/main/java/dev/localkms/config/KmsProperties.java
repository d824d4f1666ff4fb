package dev.localkms.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the service, bound from {@code kms.*} properties or the matching {@code KMS_*}
 * environment variables.
 *
 * @param defaultRegion region of a request that names none in {@code RegionId} or its host
 * @param defaultAccount the account that unsigned requests act as in lenient mode
 * @param authMode whether unsigned requests are accepted
 * @param policyEnforcement what a RAM policy denial does
 * @param storage where keys, aliases and identities are kept
 * @param seedFile YAML file of accounts, users, policies, keys and aliases loaded at start-up: a file path,
 *        or {@code classpath:} and a resource path
 * @param aliasQuota aliases allowed per account and region
 * @param keyQuota keys allowed per account and region
 * @param requestLog whether one log line is written per request
 * @param adminToken token that {@code /_kms/} routes require in strict mode
 * @param clockSkew how far a signed request's timestamp may be from the server's clock
 * @param deletionInterval how often keys whose pending deletion window has ended are deleted
 */
@ConfigurationProperties("kms")
public record KmsProperties(
        @DefaultValue("cn-hangzhou") String defaultRegion,
        @DefaultValue DefaultAccount defaultAccount,
        @DefaultValue("lenient") AuthMode authMode,
        @DefaultValue("enforce") PolicyEnforcement policyEnforcement,
        @DefaultValue Storage storage,
        String seedFile,
        @DefaultValue("300") int aliasQuota,
        @DefaultValue("200") int keyQuota,
        @DefaultValue("false") boolean requestLog,
        String adminToken,
        @DefaultValue("15m") Duration clockSkew,
        @DefaultValue("30s") Duration deletionInterval) {

    /**
     * The account that exists on every start, with its root access key.
     *
     * @param id account ID, 16 digits
     * @param accessKeyId the root access key ID
     * @param accessKeySecret the root access key secret
     */
    public record DefaultAccount(
            @DefaultValue("1234567890123456") String id,
            @DefaultValue("LTAI5tLocalKmsRootKey00") String accessKeyId,
            @DefaultValue("LocalKmsRootSecret000000000000") String accessKeySecret) {

        @Override
        public String toString() {
            return "DefaultAccount[id=" + id + ", accessKeyId=" + accessKeyId + "]";
        }
    }

    /**
     * Storage settings. With neither set, data lives in an in-memory H2 database.
     *
     * @param file path of an H2 database file, without the {@code .mv.db} suffix
     * @param jdbcUrl JDBC URL of a PostgreSQL (or other) database
     * @param username database user for {@code jdbcUrl}
     * @param password database password for {@code jdbcUrl}
     * @param masterKey base64 of the 32-byte key that wraps key material; generated when unset
     */
    public record Storage(String file, String jdbcUrl, String username, String password, String masterKey) {

        @Override
        public String toString() {
            return "Storage[file=" + file + ", jdbcUrl=" + jdbcUrl + ", username=" + username + "]";
        }
    }

    /** Whether requests must be signed. */
    public enum AuthMode {
        /** Every request must be signed by a known, active access key. */
        STRICT,
        /** Signed requests are verified; unsigned ones act as the access key they name, or as the default root. */
        LENIENT
    }

    /** The effect of a RAM policy denial. */
    public enum PolicyEnforcement {
        /** A denied request fails with {@code Forbidden.NoPermission}. */
        ENFORCE,
        /** A denied request is logged and then allowed. */
        SOFT,
        /** Policies are not evaluated. */
        OFF
    }
}
