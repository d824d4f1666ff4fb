package dev.localkms.ram;

import java.util.List;

/** Reply bodies of the RAM actions, without {@code RequestId}. The renderer leaves null fields out. */
public final class RamReplies {

    private RamReplies() {
    }

    /** Reply of CreateUser and GetUser. */
    public record UserReply(User user) {
    }

    /** A RAM user. List entries and CreateUser replies leave some fields out. */
    public record User(String userId, String userName, String displayName, String mobilePhone, String email,
            String comments, String createDate, String updateDate) {
    }

    /** Reply of ListUsers, with a {@code marker} only when {@code isTruncated} is true. */
    public record ListUsersReply(boolean isTruncated, String marker, Users users) {
    }

    /** The {@code Users} wrapper, holding the {@code User} list. */
    public record Users(List<User> user) {
    }

    /** Reply of CreateAccessKey, the only one that carries the secret. */
    public record CreateAccessKeyReply(AccessKey accessKey) {
    }

    /** An access key of a RAM user. Only CreateAccessKey sets {@code accessKeySecret}. */
    public record AccessKey(String accessKeyId, String accessKeySecret, String status, String createDate) {

        @Override
        public String toString() {
            return "AccessKey[accessKeyId=" + accessKeyId + ", status=" + status + "]";
        }
    }

    /** Reply of ListAccessKeys. */
    public record ListAccessKeysReply(AccessKeys accessKeys) {
    }

    /** The {@code AccessKeys} wrapper, holding the {@code AccessKey} list. */
    public record AccessKeys(List<AccessKey> accessKey) {
    }

    /** Reply of CreatePolicy. */
    public record CreatePolicyReply(Policy policy) {
    }

    /**
     * A policy as CreatePolicy, GetPolicy, ListPolicies and ListPoliciesForUser return it. Each of them
     * leaves out the fields it does not have.
     */
    public record Policy(String policyName, String policyType, String description, String defaultVersion,
            String createDate, String updateDate, Integer attachmentCount, String policyDocument,
            String attachDate) {
    }

    /** Reply of GetPolicy: the policy and its default version. */
    public record GetPolicyReply(Policy policy, PolicyVersion defaultPolicyVersion) {
    }

    /** A version of a policy. */
    public record PolicyVersion(String versionId, boolean isDefaultVersion, String policyDocument, String createDate) {
    }

    /** Reply of ListPolicies, with a {@code marker} only when {@code isTruncated} is true. */
    public record ListPoliciesReply(boolean isTruncated, String marker, Policies policies) {
    }

    /** Reply of ListPoliciesForUser. */
    public record ListPoliciesForUserReply(Policies policies) {
    }

    /** The {@code Policies} wrapper, holding the {@code Policy} list. */
    public record Policies(List<Policy> policy) {
    }
}
