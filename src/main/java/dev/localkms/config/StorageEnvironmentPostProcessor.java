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
            // WRITE_DELAY=0 flushes each commit to the file, so acknowledged writes survive a killed process.
            properties.put("spring.datasource.url", "jdbc:h2:file:" + file + ";WRITE_DELAY=0");
            properties.put("spring.datasource.username", "sa");
            properties.put("spring.datasource.password", "");
        } else if (StringUtils.hasText(jdbcUrl)) {
            properties.put("spring.datasource.url", jdbcUrl);
            putIfSet(properties, "spring.datasource.username", environment.getProperty("kms.storage.username"));
            putIfSet(properties, "spring.datasource.password", environment.getProperty("kms.storage.password"));
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
