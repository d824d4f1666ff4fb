package dev.localkms.config;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

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
 * @param bindAddress address the HTTP server listens on, loopback by default; {@code server.address} takes
 *        precedence when set
 * @param limits size and count limits of an RPC request
 * @param throttling the per-account, per-action request rate limit
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
        @DefaultValue("30s") Duration deletionInterval,
        @DefaultValue("127.0.0.1") String bindAddress,
        @DefaultValue Limits limits,
        @DefaultValue Throttling throttling) {

    /**
     * Limits of an RPC request, checked before the action runs. A request over a limit gets 400
     * {@code InvalidParameter}. Tomcat's own {@code server.max-http-request-header-size} bounds the
     * request line and all headers together before these checks run.
     *
     * @param maxQueryLength maximum length of the raw query string, in bytes as sent (percent-encoded). The
 *        default leaves room for a 6144-character policy document of multi-byte characters, which the RAM
 *        SDK sends in the query, and stays below Tomcat's 64 KB limit so that the reply names this setting
     * @param maxHeaderLength maximum length of one header value, in characters
     * @param maxBodySize maximum size of the request body
     * @param maxParameters maximum number of parameters, query and form body together
     * @param maxParameterLength maximum length of one decoded parameter name or value, in characters
     * @param bodyReadTimeout longest time to receive a whole request body, counted from the first read,
     *        however steadily the bytes arrive; {@code server.tomcat.connection-timeout} bounds only the
     *        silence between them
     */
    public record Limits(
            @DefaultValue("60KB") DataSize maxQueryLength,
            @DefaultValue("8192") int maxHeaderLength,
            @DefaultValue("1MB") DataSize maxBodySize,
            @DefaultValue("100") int maxParameters,
            @DefaultValue("32768") int maxParameterLength,
            @DefaultValue("30s") Duration bodyReadTimeout) {
    }

    /**
     * Request rate limit per account and action. Each instance counts its own requests, so instances
     * behind a load balancer together allow a multiple of the limit.
     *
     * @param enabled whether requests over the limit are rejected with {@code Rejected.Throttling}
     * @param qps requests allowed per second for each account and action
     * @param actionQps limits of single actions, by action name, that replace {@code qps}
     */
    public record Throttling(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("100") int qps,
            @DefaultValue Map<String, Integer> actionQps) {
    }

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
