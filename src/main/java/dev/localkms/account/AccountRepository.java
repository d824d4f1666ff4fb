package dev.localkms.account;

import java.util.Optional;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Stores accounts. */
public interface AccountRepository extends JpaRepository<AccountEntity, String> {

    /** Reads the account with a write lock, so that concurrent account-wide quota checks run one at a time. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select a from AccountEntity a where a.id = :id")
    Optional<AccountEntity> lock(@Param("id") String id);
}
