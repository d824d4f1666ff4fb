package dev.localkms.config;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Turns the storage settings ({@code kms.storage.file} or {@code kms.storage.jdbc-url}) into the
 * data source properties, so that users set one documented value instead of Spring's.
 */
public class StorageEnvironmentPostProcessor implements EnvironmentPostProcessor {

    private static final String SOURCE_NAME = "kmsStorage";
    private static final String CONNECTION_INIT_SQL = "spring.datasource.hikari.connection-init-sql";
    private static final String POSTGRES_LOCK_TIMEOUT = "10s";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String file = environment.getProperty("kms.storage.file");
        String jdbcUrl = environment.getProperty("kms.storage.jdbc-url");
        if (StringUtils.hasText(file) && StringUtils.hasText(jdbcUrl)) {
            throw new IllegalStateException(
                    "Set only one of kms.storage.file and kms.storage.jdbc-url (KMS_STORAGE_FILE, KMS_STORAGE_JDBC_URL).");
        }
        Map<String, Object> properties = new HashMap<>();
        if (StringUtils.hasText(file)) {
            // WRITE_DELAY=0 writes each commit to the file before the commit returns. With H2's default of
            // 500 ms, DurabilityIT lost acknowledged aliases when it killed the process with SIGKILL.
            properties.put("spring.datasource.url", "jdbc:h2:file:" + file + ";WRITE_DELAY=0");
            properties.put("spring.datasource.username", "sa");
            properties.put("spring.datasource.password", "");
        } else if (StringUtils.hasText(jdbcUrl)) {
            properties.put("spring.datasource.url", jdbcUrl);
            putIfSet(properties, "spring.datasource.username", environment.getProperty("kms.storage.username"));
            putIfSet(properties, "spring.datasource.password", environment.getProperty("kms.storage.password"));
            if (jdbcUrl.startsWith("jdbc:postgresql:") && !environment.containsProperty(CONNECTION_INIT_SQL)) {
                // PostgreSQL waits for a row lock forever by default, while H2 gives up after 2 seconds.
                properties.put(CONNECTION_INIT_SQL, "SET lock_timeout = '" + POSTGRES_LOCK_TIMEOUT + "'");
            }
        }
        if (!properties.isEmpty()) {
            environment.getPropertySources().addFirst(new MapPropertySource(SOURCE_NAME, properties));
        }
    }

    private static void putIfSet(Map<String, Object> properties, String name, String value) {
        if (value != null) {
            properties.put(name, value);
        }
    }
}
