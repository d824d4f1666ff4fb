package dev.localkms.key;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.UUID;

import dev.localkms.LocalKmsApplication;
import dev.localkms.sdk.KmsDriver;
import dev.localkms.sdk.KmsDriver.KeyView;
import dev.localkms.sdk.TeaKmsDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Keys and aliases kept in an H2 file survive a restart of the service. */
class FileStorageRestartIT {

    private static final String ACCESS_KEY_ID = "LTAI5tLocalKmsRootKey00";
    private static final String SECRET = "LocalKmsRootSecret000000000000";
    private static final String REGION = "cn-hangzhou";

    @TempDir
    Path storageDirectory;

    @Test
    void keyAndAliasSurviveRestart() {
        String aliasName = "alias/restart-" + UUID.randomUUID().toString().substring(0, 12);
        String keyId;

        ConfigurableApplicationContext first = start();
        try {
            KmsDriver driver = driver(first);
            keyId = driver.createKey("survives a restart");
            driver.createAlias(keyId, aliasName);
        } finally {
            first.close();
        }

        ConfigurableApplicationContext second = start();
        try {
            KmsDriver driver = driver(second);
            KeyView byId = driver.describeKey(keyId);
            KeyView byAlias = driver.describeKey(aliasName);

            assertThat(byId.keyState()).isEqualTo("Enabled");
            assertThat(byId.description()).isEqualTo("survives a restart");
            assertThat(byAlias.keyId()).isEqualTo(keyId);
            assertThat(driver.listAliasesByKeyId(keyId, 1, 10).aliases())
                    .extracting(KmsDriver.AliasView::aliasName).containsExactly(aliasName);
        } finally {
            second.close();
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(LocalKmsApplication.class)
                .properties("kms.storage.file=" + storageDirectory.resolve("kms"))
                // An argument, because a default property loses to application.yml's server.port of 8080.
                .run("--server.port=0");
    }

    private static KmsDriver driver(ConfigurableApplicationContext context) {
        int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        return new TeaKmsDriver(port, ACCESS_KEY_ID, SECRET, false, REGION);
    }
}
