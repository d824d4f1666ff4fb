package dev.localkms.account;

import org.springframework.data.jpa.repository.JpaRepository;

/** Stores accounts. */
public interface AccountRepository extends JpaRepository<AccountEntity, String> {
}
