package dev.localkms.auth;

import java.time.Clock;

import dev.localkms.cluster.PostgresSchema;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** The database registry on PostgreSQL, where a batch is one upsert per nonce with asynchronous commit. */
class PostgresNonceRegistryIT implements NonceRegistryContract {

    private static PostgresSchema schema;

    private JdbcNonceRegistry registry;

    @BeforeAll
    static void migrateSchema() {
        schema = PostgresSchema.createOrSkip();
        Flyway.configure().dataSource(schema.jdbc().getDataSource()).load().migrate();
    }

    @AfterAll
    static void dropSchema() {
        if (schema != null) {
            schema.close();
        }
    }

    @BeforeEach
    void startRegistry() {
        registry = new JdbcNonceRegistry(schema.jdbc(), Clock.systemUTC());
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
