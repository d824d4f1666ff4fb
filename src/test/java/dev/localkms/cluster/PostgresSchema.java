package dev.localkms.cluster;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;

/**
 * A schema of its own, made for one test class on the PostgreSQL server that {@code KMS_TEST_POSTGRES_URL}
 * names, and dropped afterwards. Without that variable the calling test is skipped.
 */
public final class PostgresSchema implements AutoCloseable {

    static final String URL_VARIABLE = "KMS_TEST_POSTGRES_URL";
    static final String USER_VARIABLE = "KMS_TEST_POSTGRES_USER";
    static final String PASSWORD_VARIABLE = "KMS_TEST_POSTGRES_PASSWORD";

    private final String serverUrl;
    private final String username;
    private final String password;
    private final String schema;
    private final JdbcTemplate jdbc;

    private PostgresSchema(String serverUrl, String username, String password, String schema) {
        this.serverUrl = serverUrl;
        this.username = username;
        this.password = password;
        this.schema = schema;
        this.jdbc = new JdbcTemplate(new DriverManagerDataSource(jdbcUrl(), username, password));
    }

    /** Creates a schema named {@code kms_it_<random>}, or skips the test when no server is configured. */
    public static PostgresSchema createOrSkip() {
        String url = System.getenv(URL_VARIABLE);
        assumeTrue(url != null && !url.isBlank(), URL_VARIABLE + " is not set, so the PostgreSQL tests are skipped. "
                + ".ci/start-postgres starts a server and prints a URL for it.");
        String username = System.getenv().getOrDefault(USER_VARIABLE, "localkms");
        String password = System.getenv().getOrDefault(PASSWORD_VARIABLE, "localkms");
        String schema = "kms_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        new JdbcTemplate(new DriverManagerDataSource(url, username, password)).execute("create schema " + schema);
        return new PostgresSchema(url, username, password, schema);
    }

    /** Returns the server URL with {@code currentSchema} set to this schema. */
    String jdbcUrl() {
        return serverUrl + (serverUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** Returns the storage settings of an instance that uses this schema. */
    Map<String, Object> storageProperties() {
        return Map.of(
                "kms.storage.jdbc-url", jdbcUrl(),
                "kms.storage.username", username,
                "kms.storage.password", password);
    }

    /** Returns the storage settings as the environment variables that a container would get. */
    Map<String, String> storageEnvironment() {
        return Map.of(
                "KMS_STORAGE_JDBC_URL", jdbcUrl(),
                "KMS_STORAGE_USERNAME", username,
                "KMS_STORAGE_PASSWORD", password);
    }

    /** Returns a JDBC template on this schema, for checks that read the tables directly. */
    public JdbcTemplate jdbc() {
        return jdbc;
    }

    /** Runs {@code work} in one transaction on this schema and rolls it back afterwards. */
    <T> T transaction(Function<JdbcTemplate, T> work) {
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(jdbc.getDataSource());
        TransactionStatus status = transactions.getTransaction(TransactionDefinition.withDefaults());
        try {
            return work.apply(jdbc);
        } finally {
            transactions.rollback(status);
        }
    }

    @Override
    public void close() {
        jdbc.execute("drop schema " + schema + " cascade");
    }
}
