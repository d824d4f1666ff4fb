package dev.localkms.account;

/**
 * An access key with the fields that authentication needs.
 *
 * @param accessKeyId the key ID
 * @param secret the key secret, used only to verify signatures
 * @param accountId the owning account
 * @param userId the owning RAM user's ID, or null for the account's root
 * @param userName the owning RAM user's name, or null for the account's root
 * @param active whether the key's status is {@code Active}
 */
public record AccessKeyRecord(String accessKeyId, String secret, String accountId, String userId, String userName,
        boolean active) {

    @Override
    public String toString() {
        return "AccessKeyRecord[accessKeyId=" + accessKeyId + ", accountId=" + accountId + ", userId=" + userId
                + ", userName=" + userName + ", active=" + active + "]";
    }
}
