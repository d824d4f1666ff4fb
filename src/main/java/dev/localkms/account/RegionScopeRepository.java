package dev.localkms.account;

import java.util.Optional;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Stores the account-region rows that KMS data hangs from. */
public interface RegionScopeRepository extends JpaRepository<RegionScopeEntity, RegionScopeEntity.Scope> {

    /** Reads the row with a write lock, so that concurrent quota checks in one scope run one at a time. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select s from RegionScopeEntity s where s.id = :id")
    Optional<RegionScopeEntity> lock(@Param("id") RegionScopeEntity.Scope id);
}
