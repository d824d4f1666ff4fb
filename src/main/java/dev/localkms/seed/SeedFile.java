package dev.localkms.seed;

import java.util.List;

import dev.localkms.key.KeyState;
import dev.localkms.ram.PolicyType;

/**
 * The content of a seed file after parsing and checking. Each entry carries its path in the file, such
 * as {@code accounts[0].users[1]}, for error messages.
 *
 * @param accounts the accounts, in file order
 */
record SeedFile(List<Account> accounts) {

    /** An account with everything it owns. */
    record Account(String path, String id, List<AccessKey> rootAccessKeys, List<Policy> policies, List<User> users,
            List<Key> keys, List<Alias> aliases) {
    }

    /** An access key of a root or a RAM user. */
    record AccessKey(String path, String id, String secret, boolean active) {

        @Override
        public String toString() {
            return "AccessKey[path=" + path + ", id=" + id + ", active=" + active + "]";
        }
    }

    /** A RAM user with its access keys and attached policies. */
    record User(String path, String name, String displayName, List<AccessKey> accessKeys,
            List<Attachment> policies) {
    }

    /** A policy attached to a user: a system policy, or a custom policy of the same account. */
    record Attachment(String path, PolicyType type, String name) {
    }

    /** A custom policy with its document as JSON text. */
    record Policy(String path, String name, String description, String document) {
    }

    /** A key with a fixed ID. */
    record Key(String path, String id, String region, String description, KeyState state) {
    }

    /** An alias in the region of the key it points to. */
    record Alias(String path, String name, String keyId, String region) {
    }
}
