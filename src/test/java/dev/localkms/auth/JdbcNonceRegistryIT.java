package dev.localkms.auth;

import dev.localkms.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The database registry on the test context's H2 database, with its group commits. */
class JdbcNonceRegistryIT extends IntegrationTest implements NonceRegistryContract {

    @Autowired
    private JdbcTemplate jdbc;

    private JdbcNonceRegistry registry;

    @BeforeEach
    void startRegistry() {
        registry = new JdbcNonceRegistry(jdbc, clock);
    }

    @AfterEach
    void stopRegistry() throws InterruptedException {
        registry.destroy();
    }

    @Override
    public NonceRegistry registry() {
        return registry;
    }
}
