package dev.localkms.key;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import com.aliyuncs.http.MethodType;
import dev.localkms.sdk.CryptoKmsDriver;
import dev.localkms.support.CryptoIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads every column of every table and checks that key material is only stored wrapped. */
class KeyMaterialStorageIT extends CryptoIntegrationTest {

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private KeyVersionRepository versions;

    @Autowired
    private KeyMaterials materials;

    @Test
    void keyMaterialIsNotStoredInClear() {
        CryptoKmsDriver kms = popDriver(uniqueRegion(), MethodType.POST);
        String keyId = kms.createKey("storage check");
        String versionId = kms.encrypt(keyId, "storage check plaintext", null).keyVersionId();
        byte[] material = materials.unwrap(versions.findById(versionId).orElseThrow());
        List<String> clearForms = List.of(
                Base64.getEncoder().encodeToString(material),
                Base64.getUrlEncoder().withoutPadding().encodeToString(material),
                HexFormat.of().formatHex(material),
                HexFormat.of().withUpperCase().formatHex(material));

        List<String> cells = allCells();

        assertThat(material).as("unwrapped material").hasSize(32);
        assertThat(cells).as("control: the scan sees the key ID").anyMatch(cell -> cell.contains(keyId));
        for (String clearForm : clearForms) {
            assertThat(cells).as("cells containing " + clearForm.length() + " characters of clear material")
                    .noneMatch(cell -> cell.contains(clearForm));
        }
    }

    /** Returns the text of every non-null cell of every table in the application's schema. */
    private List<String> allCells() {
        List<String> tables = jdbc.execute((ConnectionCallback<List<String>>) connection -> {
            DatabaseMetaData metaData = connection.getMetaData();
            List<String> names = new ArrayList<>();
            try (ResultSet rows = metaData.getTables(null, connection.getSchema(), "%", new String[] {"TABLE"})) {
                while (rows.next()) {
                    names.add(rows.getString("TABLE_NAME"));
                }
            }
            return names;
        });
        assertThat(tables).as("tables found").map(name -> name.toLowerCase(Locale.ROOT))
                .contains("key_version", "kms_key", "master_key");

        List<String> cells = new ArrayList<>();
        for (String table : tables) {
            for (Map<String, Object> row : jdbc.queryForList("select * from \"" + table + "\"")) {
                row.values().stream().filter(Objects::nonNull).map(String::valueOf).forEach(cells::add);
            }
        }
        return cells;
    }
}
