package dev.localkms.account;

import org.springframework.data.jpa.repository.JpaRepository;

/** Stores the account-region rows that KMS data hangs from. */
public interface RegionScopeRepository extends JpaRepository<RegionScopeEntity, RegionScopeEntity.Scope> {
}
