package dev.localkms.ram;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

/** Stores custom policies. Every query is scoped by account. */
interface RamPolicyRepository extends JpaRepository<RamPolicyEntity, String> {

    Optional<RamPolicyEntity> findByAccountIdAndPolicyName(String accountId, String policyName);

    boolean existsByAccountIdAndPolicyName(String accountId, String policyName);

    List<RamPolicyEntity> findByAccountIdOrderByPolicyNameAsc(String accountId);

    List<RamPolicyEntity> findByAccountIdAndPolicyNameIn(String accountId, List<String> policyNames);

    long countByAccountId(String accountId);
}
