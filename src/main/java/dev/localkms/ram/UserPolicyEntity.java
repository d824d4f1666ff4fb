package dev.localkms.ram;

import java.io.Serializable;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A policy attached to a RAM user. A custom policy is named within the user's account. */
@Entity
@Table(name = "user_policy")
class UserPolicyEntity {

    @EmbeddedId
    private Attachment id;

    @Column(name = "attached_at", nullable = false)
    private Instant attachedAt;

    protected UserPolicyEntity() {
    }

    UserPolicyEntity(Attachment id, Instant attachedAt) {
        this.id = id;
        this.attachedAt = attachedAt;
    }

    Attachment getId() {
        return id;
    }

    PolicyType getPolicyType() {
        return PolicyType.fromWireName(id.policyType());
    }

    String getPolicyName() {
        return id.policyName();
    }

    Instant getAttachedAt() {
        return attachedAt;
    }

    /**
     * Primary key of an attachment.
     *
     * @param userId the RAM user's ID
     * @param policyType {@code System} or {@code Custom}
     * @param policyName the policy name
     */
    @Embeddable
    record Attachment(@Column(name = "user_id") String userId, @Column(name = "policy_type") String policyType,
            @Column(name = "policy_name") String policyName) implements Serializable {

        Attachment(String userId, PolicyType policyType, String policyName) {
            this(userId, policyType.wireName(), policyName);
        }
    }
}
