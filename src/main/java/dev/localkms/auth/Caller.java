package dev.localkms.auth;

/**
 * Who makes a request, and in which account and region it acts.
 *
 * @param accountId the account that owns the access key, and so every resource the request can reach
 * @param regionId the region the request acts in
 * @param principalType whether the caller is the account's root or one of its RAM users
 * @param userId RAM user ID, or the account ID for the root
 * @param userName RAM user name, or null for the root
 * @param accessKeyId the access key the request named, or null when it named none
 * @param signed whether the request itself proved that the caller has the access key secret: by a
 *        verified signature, or by sending the pair to the web console's sign-in. Unsigned requests in
 *        lenient mode and web console calls, which carry only a session cookie, are not signed
 * @param sourceIp the client's IP address, for the {@code acs:SourceIp} policy condition
 * @param secureTransport whether the request came over TLS, for {@code acs:SecureTransport}
 */
public record Caller(
        String accountId,
        String regionId,
        PrincipalType principalType,
        String userId,
        String userName,
        String accessKeyId,
        boolean signed,
        String sourceIp,
        boolean secureTransport) {

    /** Kind of principal, named as Alibaba's {@code AccessDeniedDetail.AuthPrincipalType} names it. */
    public enum PrincipalType {
        ROOT("RootUser"),
        RAM_USER("SubUser");

        private final String wireName;

        PrincipalType(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public boolean isRoot() {
        return principalType == PrincipalType.ROOT;
    }

    /** Returns a short description for logs: the account and user, never a secret. */
    public String principal() {
        return isRoot() ? "root@" + accountId : userName + "@" + accountId;
    }
}
