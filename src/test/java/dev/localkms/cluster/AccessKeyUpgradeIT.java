package dev.localkms.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.localkms.LocalKmsApplication;
import dev.localkms.sdk.TeaKmsDriver;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A database written by the version that stored access key secrets in plaintext (schema version 1) keeps
 * working: at start-up its secrets are encrypted, every access key still signs requests, and no row is
 * lost. Runs on an H2 file and, when {@code KMS_TEST_POSTGRES_URL} is set, on PostgreSQL.
 */
class AccessKeyUpgradeIT {

    private static final String DEFAULT_ROOT_KEY = "LTAI5tLocalKmsRootKey00";
    private static final String DEFAULT_ROOT_SECRET = "LocalKmsRootSecret000000000000";
    private static final String OTHER_ACCOUNT = "1111222233334444";
    private static final String OTHER_ROOT_KEY = "LTAIUpgradeRoot000000001";
    private static final String OTHER_ROOT_SECRET = "UpgradeRootSecret000000000001";
    private static final String USER_KEY = "LTAIUpgradeUser000000001";
    private static final String USER_SECRET = "UpgradeUserSecret00000000001";

    @TempDir
    Path storageDirectory;

    @Test
    void h2FileFromEarlierVersionKeepsWorking() throws Exception {
        String file = storageDirectory.resolve("kms").toString();
        String url = "jdbc:h2:file:" + file;
        DriverManagerDataSource dataSource = new DriverManagerDataSource(url, "sa", "");

        upgradeAndCheck(dataSource, List.of("--kms.storage.file=" + file));
    }

    @Test
    void postgresFromEarlierVersionKeepsWorking() throws Exception {
        try (PostgresSchema schema = PostgresSchema.createOrSkip()) {
            List<String> arguments = new ArrayList<>();
            schema.storageProperties().forEach((name, value) -> arguments.add("--" + name + "=" + value));

            upgradeAndCheck((DriverManagerDataSource) schema.jdbc().getDataSource(), arguments);
        }
    }

    private void upgradeAndCheck(DriverManagerDataSource dataSource, List<String> storageArguments) throws Exception {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("1").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        writeRowsAsEarlierVersion(jdbc);

        for (int start = 1; start <= 2; start++) {
            try (ConfigurableApplicationContext service = start(storageArguments)) {
                int port = service.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
                for (String[] key : List.of(new String[] {DEFAULT_ROOT_KEY, DEFAULT_ROOT_SECRET},
                        new String[] {OTHER_ROOT_KEY, OTHER_ROOT_SECRET}, new String[] {USER_KEY, USER_SECRET})) {
                    TeaKmsDriver kms = new TeaKmsDriver(port, key[0], key[1], false, "cn-hangzhou");
                    assertThat(kms.listKeys(1, 10).totalCount()).as("ListKeys signed by %s, start %d", key[0], start)
                            .isZero();
                }
            }

            List<Map<String, Object>> rows = jdbc.queryForList("select id, secret from access_key order by id");
            assertThat(rows).extracting(row -> row.get("id"))
                    .containsExactly(DEFAULT_ROOT_KEY, OTHER_ROOT_KEY, USER_KEY);
            for (Map<String, Object> row : rows) {
                assertThat((String) row.get("secret")).as("stored secret of %s", row.get("id")).startsWith("enc:v1:")
                        .doesNotContain(DEFAULT_ROOT_SECRET, OTHER_ROOT_SECRET, USER_SECRET);
            }
            assertThat(jdbc.queryForObject("select count(*) from ram_user", Integer.class)).isOne();
            assertThat(jdbc.queryForObject("select count(*) from user_policy", Integer.class)).isOne();
        }
    }

    /** Inserts accounts, a RAM user and access keys with plaintext secrets, as the earlier version stored them. */
    private static void writeRowsAsEarlierVersion(JdbcTemplate jdbc) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update("insert into account (id, created_at) values (?, ?)", "1234567890123456", now);
        jdbc.update("insert into account (id, created_at) values (?, ?)", OTHER_ACCOUNT, now);
        jdbc.update("insert into access_key (id, secret, account_id, user_id, status, created_at) values (?, ?, ?, null, ?, ?)",
                DEFAULT_ROOT_KEY, DEFAULT_ROOT_SECRET, "1234567890123456", "Active", now);
        jdbc.update("insert into access_key (id, secret, account_id, user_id, status, created_at) values (?, ?, ?, null, ?, ?)",
                OTHER_ROOT_KEY, OTHER_ROOT_SECRET, OTHER_ACCOUNT, "Active", now);
        jdbc.update("insert into ram_user (id, account_id, user_name, created_at, updated_at) values (?, ?, ?, ?, ?)",
                "200000000000000001", OTHER_ACCOUNT, "reader", now, now);
        jdbc.update("insert into user_policy (user_id, policy_type, policy_name, attached_at) values (?, ?, ?, ?)",
                "200000000000000001", "System", "AliyunKMSReadOnlyAccess", now);
        jdbc.update("insert into access_key (id, secret, account_id, user_id, status, created_at) values (?, ?, ?, ?, ?, ?)",
                USER_KEY, USER_SECRET, OTHER_ACCOUNT, "200000000000000001", "Active", now);
    }

    private static ConfigurableApplicationContext start(List<String> storageArguments) {
        List<String> arguments = new ArrayList<>(storageArguments);
        arguments.add("--server.port=0");
        return new SpringApplicationBuilder(LocalKmsApplication.class).run(arguments.toArray(String[]::new));
    }
}
