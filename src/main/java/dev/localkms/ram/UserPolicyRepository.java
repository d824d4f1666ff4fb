package dev.localkms.ram;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Stores the policies attached to RAM users. */
interface UserPolicyRepository extends JpaRepository<UserPolicyEntity, UserPolicyEntity.Attachment> {

    @Query("select p from UserPolicyEntity p where p.id.userId = :userId order by p.attachedAt, p.id.policyName")
    List<UserPolicyEntity> findByUserId(@Param("userId") String userId);

    @Query("select count(p) from UserPolicyEntity p where p.id.userId = :userId")
    long countByUserId(@Param("userId") String userId);

    @Query("select count(p) from UserPolicyEntity p where p.id.userId = :userId and p.id.policyType = :policyType")
    long countByUserIdAndPolicyType(@Param("userId") String userId, @Param("policyType") String policyType);

    /** Counts the users of the account that have the policy attached. */
    @Query("""
            select count(p) from UserPolicyEntity p
            where p.id.policyType = :policyType and p.id.policyName = :policyName
              and p.id.userId in (select u.id from RamUserEntity u where u.accountId = :accountId)
            """)
    long countAttachments(@Param("accountId") String accountId, @Param("policyType") String policyType,
            @Param("policyName") String policyName);

    /** Counts the attachments of every policy that the account's users have, by policy type and name. */
    @Query("""
            select new dev.localkms.ram.UserPolicyRepository$AttachmentCount(p.id.policyType, p.id.policyName, count(p))
            from UserPolicyEntity p
            where p.id.userId in (select u.id from RamUserEntity u where u.accountId = :accountId)
            group by p.id.policyType, p.id.policyName
            """)
    List<AttachmentCount> countAttachmentsByPolicy(@Param("accountId") String accountId);

    /**
     * Number of users of an account that have one policy attached.
     *
     * @param policyType {@code System} or {@code Custom}
     * @param policyName the policy name
     * @param count the number of users
     */
    record AttachmentCount(String policyType, String policyName, long count) {
    }
}
