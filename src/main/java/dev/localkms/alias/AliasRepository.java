package dev.localkms.alias;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Stores aliases; every query is scoped by account and region. */
public interface AliasRepository extends JpaRepository<AliasEntity, String> {

    Optional<AliasEntity> findByAccountIdAndRegionIdAndAliasName(String accountId, String regionId, String aliasName);

    boolean existsByAccountIdAndRegionIdAndAliasName(String accountId, String regionId, String aliasName);

    long countByAccountIdAndRegionId(String accountId, String regionId);

    List<AliasEntity> findByAccountIdAndRegionIdOrderByCreatedAtAscAliasNameAsc(String accountId, String regionId);

    List<AliasEntity> findByKeyIdOrderByCreatedAtAscAliasNameAsc(String keyId);

    /** Points an alias to another key in one statement; returns 0 when the alias no longer exists. */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("""
            update AliasEntity a set a.keyId = :keyId
            where a.accountId = :accountId and a.regionId = :regionId and a.aliasName = :aliasName
            """)
    int repoint(@Param("accountId") String accountId, @Param("regionId") String regionId,
            @Param("aliasName") String aliasName, @Param("keyId") String keyId);

    /** Deletes an alias in one statement; returns 0 when it did not exist. */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("""
            delete from AliasEntity a
            where a.accountId = :accountId and a.regionId = :regionId and a.aliasName = :aliasName
            """)
    int deleteByName(@Param("accountId") String accountId, @Param("regionId") String regionId,
            @Param("aliasName") String aliasName);
}
