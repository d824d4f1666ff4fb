package dev.localkms.key;

import org.springframework.data.jpa.repository.JpaRepository;

/** Stores key versions. */
public interface KeyVersionRepository extends JpaRepository<KeyVersionEntity, String> {
}
