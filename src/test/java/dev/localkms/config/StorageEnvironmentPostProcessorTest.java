package dev.localkms.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class StorageEnvironmentPostProcessorTest {

    private static final String URL = "spring.datasource.url";
    private static final String INIT_SQL = "spring.datasource.hikari.connection-init-sql";

    @ParameterizedTest
    @MethodSource("storageSettings")
    void mapsStorageToDataSource(String setting, String value, String expectedUrl, String expectedInitSql) {
        MockEnvironment environment = new MockEnvironment().withProperty(setting, value);

        process(environment);

        assertThat(environment.getProperty(URL)).isEqualTo(expectedUrl);
        assertThat(environment.getProperty(INIT_SQL)).isEqualTo(expectedInitSql);
    }

    static Stream<Arguments> storageSettings() {
        return Stream.of(
                Arguments.of("kms.storage.file", "/data/kms", "jdbc:h2:file:/data/kms;WRITE_DELAY=0", null),
                Arguments.of("kms.storage.jdbc-url", "jdbc:postgresql://db:5432/kms",
                        "jdbc:postgresql://db:5432/kms", "SET lock_timeout = '10s'"),
                Arguments.of("kms.storage.jdbc-url", "jdbc:h2:tcp://db/kms", "jdbc:h2:tcp://db/kms", null),
                Arguments.of("kms.other", "unrelated", null, null));
    }

    @Test
    void keepsConfiguredConnectionInitSql() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("kms.storage.jdbc-url", "jdbc:postgresql://db:5432/kms")
                .withProperty(INIT_SQL, "SET lock_timeout = '1s'");

        process(environment);

        assertThat(environment.getProperty(INIT_SQL)).isEqualTo("SET lock_timeout = '1s'");
    }

    @Test
    void passesPostgresCredentials() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("kms.storage.jdbc-url", "jdbc:postgresql://db:5432/kms")
                .withProperty("kms.storage.username", "kms")
                .withProperty("kms.storage.password", "secret");

        process(environment);

        assertThat(environment.getProperty("spring.datasource.username")).isEqualTo("kms");
        assertThat(environment.getProperty("spring.datasource.password")).isEqualTo("secret");
    }

    @Test
    void rejectsFileAndJdbcUrlTogether() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("kms.storage.file", "/data/kms")
                .withProperty("kms.storage.jdbc-url", "jdbc:postgresql://db:5432/kms");

        assertThatIllegalStateException().isThrownBy(() -> process(environment))
                .withMessageContaining("KMS_STORAGE_FILE");
    }

    private static void process(MockEnvironment environment) {
        new StorageEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
    }
}
