package dev.localkms.key;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

/** Stores keys; every query is scoped by account and region. */
public interface KeyRepository extends JpaRepository<KeyEntity, String> {

    Optional<KeyEntity> findByIdAndAccountIdAndRegionId(String id, String accountId, String regionId);

    List<KeyEntity> findByAccountIdAndRegionIdOrderByCreatedAtAscIdAsc(String accountId, String regionId);

    long countByAccountIdAndRegionId(String accountId, String regionId);

    List<KeyEntity> findByKeyStateAndDeleteDateLessThanEqual(KeyState keyState, Instant deleteDate);
}
