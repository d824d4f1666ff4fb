package dev.localkms.account;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

/** Stores access keys of roots and RAM users. */
public interface AccessKeyRepository extends JpaRepository<AccessKeyEntity, String> {

    List<AccessKeyEntity> findByUserIdOrderByCreatedAtAsc(String userId);

    long countByUserId(String userId);
}
