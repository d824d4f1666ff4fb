package dev.localkms.account;

import java.io.Serializable;

import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** The KMS data of one account in one region. Its row is the lock that serialises alias quota checks. */
@Entity
@Table(name = "region_scope")
public class RegionScopeEntity {

    @EmbeddedId
    private Scope id;

    protected RegionScopeEntity() {
    }

    public RegionScopeEntity(String accountId, String regionId) {
        this.id = new Scope(accountId, regionId);
    }

    public Scope getId() {
        return id;
    }

    /**
     * Primary key of a region scope.
     *
     * @param accountId the owning account
     * @param regionId the region
     */
    @Embeddable
    public record Scope(@jakarta.persistence.Column(name = "account_id") String accountId,
            @jakarta.persistence.Column(name = "region_id") String regionId) implements Serializable {
    }
}
