package dev.localkms.alias;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An alias name of one account and region, pointing to one key. */
@Entity
@Table(name = "kms_alias")
public class AliasEntity {

    @Id
    private String id;

    @Column(name = "account_id", nullable = false)
    private String accountId;

    @Column(name = "region_id", nullable = false)
    private String regionId;

    @Column(name = "alias_name", nullable = false)
    private String aliasName;

    @Column(name = "key_id", nullable = false)
    private String keyId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected AliasEntity() {
    }

    AliasEntity(String id, String accountId, String regionId, String aliasName, String keyId, Instant createdAt) {
        this.id = id;
        this.accountId = accountId;
        this.regionId = regionId;
        this.aliasName = aliasName;
        this.keyId = keyId;
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

    public String getAliasName() {
        return aliasName;
    }

    public String getKeyId() {
        return keyId;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
