package dev.localkms.key;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One version of a key's material, stored wrapped under the master key. */
@Entity
@Table(name = "key_version")
public class KeyVersionEntity {

    @Id
    private String id;

    @Column(name = "key_id", nullable = false)
    private String keyId;

    @Column(name = "wrapped_material", nullable = false)
    private String wrappedMaterial;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected KeyVersionEntity() {
    }

    KeyVersionEntity(String id, String keyId, String wrappedMaterial, Instant createdAt) {
        this.id = id;
        this.keyId = keyId;
        this.wrappedMaterial = wrappedMaterial;
        this.createdAt = createdAt;
    }

    public String getId() {
        return id;
    }

    public String getKeyId() {
        return keyId;
    }

    String getWrappedMaterial() {
        return wrappedMaterial;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    @Override
    public String toString() {
        return "KeyVersionEntity[id=" + id + ", keyId=" + keyId + "]";
    }
}
