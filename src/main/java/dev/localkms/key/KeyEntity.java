package dev.localkms.key;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A customer master key of one account in one region. */
@Entity
@Table(name = "kms_key")
public class KeyEntity {

    @Id
    private String id;

    @Column(name = "account_id", nullable = false)
    private String accountId;

    @Column(name = "region_id", nullable = false)
    private String regionId;

    @Column(name = "key_state", nullable = false)
    private KeyState keyState;

    @Column(name = "key_spec", nullable = false)
    private String keySpec;

    @Column(name = "key_usage", nullable = false)
    private String keyUsage;

    @Column(nullable = false)
    private String origin;

    @Column(name = "protection_level", nullable = false)
    private String protectionLevel;

    @Column(nullable = false)
    private String description;

    @Column(name = "primary_version_id", nullable = false)
    private String primaryVersionId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "delete_date")
    private Instant deleteDate;

    protected KeyEntity() {
    }

    /** A key read from its row outside JPA. It is not managed, so changes to it are not saved. */
    KeyEntity(String id, String accountId, String regionId, KeyState keyState, String keySpec, String keyUsage,
            String origin, String protectionLevel, String description, String primaryVersionId, Instant createdAt,
            Instant deleteDate) {
        this.id = id;
        this.accountId = accountId;
        this.regionId = regionId;
        this.keyState = keyState;
        this.keySpec = keySpec;
        this.keyUsage = keyUsage;
        this.origin = origin;
        this.protectionLevel = protectionLevel;
        this.description = description;
        this.primaryVersionId = primaryVersionId;
        this.createdAt = createdAt;
        this.deleteDate = deleteDate;
    }

    KeyEntity(String id, String accountId, String regionId, KeySpecification specification, String description,
            String primaryVersionId, Instant createdAt) {
        this.id = id;
        this.accountId = accountId;
        this.regionId = regionId;
        this.keyState = KeyState.ENABLED;
        this.keySpec = specification.keySpec();
        this.keyUsage = specification.keyUsage();
        this.origin = specification.origin();
        this.protectionLevel = specification.protectionLevel();
        this.description = description;
        this.primaryVersionId = primaryVersionId;
        this.createdAt = createdAt;
    }

    public String getId() {
        return id;
    }

    public String getAccountId() {
        return accountId;
    }

    public String getRegionId() {
        return regionId;
    }

    public KeyState getKeyState() {
        return keyState;
    }

    void setKeyState(KeyState keyState) {
        this.keyState = keyState;
    }

    public String getKeySpec() {
        return keySpec;
    }

    public String getKeyUsage() {
        return keyUsage;
    }

    public String getOrigin() {
        return origin;
    }

    public String getProtectionLevel() {
        return protectionLevel;
    }

    public String getDescription() {
        return description;
    }

    void setDescription(String description) {
        this.description = description;
    }

    public String getPrimaryVersionId() {
        return primaryVersionId;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getDeleteDate() {
        return deleteDate;
    }

    void setDeleteDate(Instant deleteDate) {
        this.deleteDate = deleteDate;
    }
}
