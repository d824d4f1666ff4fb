package dev.localkms.ram;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A custom policy of one account, with the document of its default version. */
@Entity
@Table(name = "ram_policy")
class RamPolicyEntity {

    @Id
    private String id;

    @Column(name = "account_id", nullable = false)
    private String accountId;

    @Column(name = "policy_name", nullable = false)
    private String policyName;

    @Column
    private String description;

    @Column(name = "policy_document", nullable = false)
    private String policyDocument;

    @Column(name = "default_version", nullable = false)
    private String defaultVersion;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected RamPolicyEntity() {
    }

    RamPolicyEntity(String id, String accountId, String policyName, String description, String policyDocument,
            String defaultVersion, Instant createdAt) {
        this.id = id;
        this.accountId = accountId;
        this.policyName = policyName;
        this.description = description;
        this.policyDocument = policyDocument;
        this.defaultVersion = defaultVersion;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    String getId() {
        return id;
    }

    String getAccountId() {
        return accountId;
    }

    String getPolicyName() {
        return policyName;
    }

    String getDescription() {
        return description;
    }

    void setDescription(String description) {
        this.description = description;
    }

    String getPolicyDocument() {
        return policyDocument;
    }

    void setPolicyDocument(String policyDocument) {
        this.policyDocument = policyDocument;
    }

    String getDefaultVersion() {
        return defaultVersion;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    Instant getUpdatedAt() {
        return updatedAt;
    }

    void setUpdatedAt(Instant updatedAt) {
        this.updatedAt = updatedAt;
    }
}
