package dev.localkms.ram;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A RAM user of one account. */
@Entity
@Table(name = "ram_user")
class RamUserEntity {

    @Id
    private String id;

    @Column(name = "account_id", nullable = false)
    private String accountId;

    @Column(name = "user_name", nullable = false)
    private String userName;

    @Column(name = "display_name")
    private String displayName;

    @Column(name = "mobile_phone")
    private String mobilePhone;

    @Column
    private String email;

    @Column
    private String comments;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected RamUserEntity() {
    }

    RamUserEntity(String id, String accountId, String userName, Instant createdAt) {
        this.id = id;
        this.accountId = accountId;
        this.userName = userName;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    String getId() {
        return id;
    }

    String getAccountId() {
        return accountId;
    }

    String getUserName() {
        return userName;
    }

    String getDisplayName() {
        return displayName;
    }

    void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    String getMobilePhone() {
        return mobilePhone;
    }

    void setMobilePhone(String mobilePhone) {
        this.mobilePhone = mobilePhone;
    }

    String getEmail() {
        return email;
    }

    void setEmail(String email) {
        this.email = email;
    }

    String getComments() {
        return comments;
    }

    void setComments(String comments) {
        this.comments = comments;
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
