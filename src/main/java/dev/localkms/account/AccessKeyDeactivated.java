package dev.localkms.account;

/**
 * Published, inside the transaction that makes the change, when an access key is set to
 * {@code Inactive}: by the RAM API's UpdateAccessKey or by the seed file. Listeners end what the key
 * started, such as web console sessions, so that enabling the key again does not revive them.
 *
 * @param accessKeyId the access key that was disabled
 */
public record AccessKeyDeactivated(String accessKeyId) {
}
