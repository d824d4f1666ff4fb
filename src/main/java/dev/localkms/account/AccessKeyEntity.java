package dev.localkms.account;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An access key pair of an account's root ({@code userId} null) or of one of its RAM users. */
@Entity
@Table(name = "access_key")
public class AccessKeyEntity {

    @Id
    private String id;

    @Column(nullable = false)
    private String secret;

    @Column(name = "account_id", nullable = false)
    private String accountId;

    @Column(name = "user_id")
    private String userId;

    @Column(nullable = false)
    private String status;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected AccessKeyEntity() {
    }

    public AccessKeyEntity(String id, String secret, String accountId, String userId, String status,
            Instant createdAt) {
        this.id = id;
        this.secret = secret;
        this.accountId = accountId;
        this.userId = userId;
        this.status = status;
        this.createdAt = createdAt;
    }

    public String getId() {
        return id;
    }

    public String getSecret() {
        return secret;
    }

    public void setSecret(String secret) {
        this.secret = secret;
    }

    public String getAccountId() {
        return accountId;
    }

    public String getUserId() {
        return userId;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    @Override
    public String toString() {
        return "AccessKeyEntity[id=" + id + ", accountId=" + accountId + ", userId=" + userId + ", status=" + status
                + "]";
    }
}
