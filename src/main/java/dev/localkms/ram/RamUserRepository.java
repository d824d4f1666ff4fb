package dev.localkms.ram;

import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Stores RAM users. Every query is scoped by account. */
interface RamUserRepository extends JpaRepository<RamUserEntity, String> {

    Optional<RamUserEntity> findByAccountIdAndUserName(String accountId, String userName);

    long countByAccountId(String accountId);

    List<RamUserEntity> findByAccountIdOrderByUserNameAsc(String accountId, Limit limit);

    List<RamUserEntity> findByAccountIdAndUserNameGreaterThanOrderByUserNameAsc(String accountId, String userName,
            Limit limit);

    /** Reads a user with a write lock, so that concurrent quota checks on one user run one at a time. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select u from RamUserEntity u where u.accountId = :accountId and u.userName = :userName")
    Optional<RamUserEntity> lockByName(@Param("accountId") String accountId, @Param("userName") String userName);
}
