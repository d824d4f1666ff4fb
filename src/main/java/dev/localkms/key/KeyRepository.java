package dev.localkms.key;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

/** Stores keys; every query is scoped by account and region. */
public interface KeyRepository extends JpaRepository<KeyEntity, String> {

    /**
     * Returns the key when it belongs to the account and region. It looks the key up by primary key, which
     * skips the JPA query planning that a query by three columns costs, and checks the scope in memory.
     */
    default Optional<KeyEntity> findInScope(String id, String accountId, String regionId) {
        return findById(id).filter(key -> key.getAccountId().equals(accountId) && key.getRegionId().equals(regionId));
    }

    List<KeyEntity> findByAccountIdAndRegionIdOrderByCreatedAtAscIdAsc(String accountId, String regionId);

    long countByAccountIdAndRegionId(String accountId, String regionId);

    List<KeyEntity> findByKeyStateAndDeleteDateLessThanEqual(KeyState keyState, Instant deleteDate);

    /**
     * Sets the state and delete date of a key in one statement, only while its state is one of
     * {@code fromStates}, so that concurrent changes on instances sharing the database cannot both win.
     *
     * @return 1 when the key changed, 0 when it no longer exists or is in another state
     */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("""
            update KeyEntity k set k.keyState = :toState, k.deleteDate = :deleteDate
            where k.id = :id and k.keyState in :fromStates
            """)
    int changeState(@Param("id") String id, @Param("fromStates") Collection<KeyState> fromStates,
            @Param("toState") KeyState toState, @Param("deleteDate") Instant deleteDate);

    /**
     * Sets the description of a key in one statement, only while its state is one of {@code states}.
     *
     * @return 1 when the key changed, 0 when it no longer exists or is in another state
     */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("""
            update KeyEntity k set k.description = :description
            where k.id = :id and k.keyState in :states
            """)
    int changeDescription(@Param("id") String id, @Param("states") Collection<KeyState> states,
            @Param("description") String description);

    /**
     * Deletes a key while it is in {@code state} with a delete date no later than {@code now}. The database
     * deletes its versions and aliases with it. Runs in a transaction of its own when called outside one.
     *
     * @return 1 when the key was deleted, 0 when another instance deleted it or its deletion was cancelled
     */
    @Transactional
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("""
            delete from KeyEntity k
            where k.id = :id and k.keyState = :state and k.deleteDate <= :now
            """)
    int deleteIfDue(@Param("id") String id, @Param("state") KeyState state, @Param("now") Instant now);
}
