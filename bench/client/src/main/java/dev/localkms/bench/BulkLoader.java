package dev.localkms.bench;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Properties;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Fills a migrated, otherwise empty database with the rows of a {@link DataLayout} through JDBC
 * batches: accounts with root access keys, account-region scopes, enabled AES-256 keys with one key
 * version each, and aliases. Key material is random and wrapped as the service wraps it: AES-256-GCM
 * under the master key, a 12-byte IV in front, and the key version ID as additional data. The service
 * must run with the same master key ({@code kms.storage.master-key}) to use these keys.
 */
final class BulkLoader {

    private static final int BATCH_SIZE = 5_000;
    private static final OffsetDateTime CREATED_AT = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private final DataLayout layout;
    private final byte[] masterKey;
    private final SecureRandom random = new SecureRandom();
    private final Cipher cipher;

    BulkLoader(DataLayout layout, String masterKeyBase64) throws GeneralSecurityException {
        this.layout = layout;
        this.masterKey = Base64.getDecoder().decode(masterKeyBase64);
        this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
    }

    /** Opens a connection with the settings that make batches fast on each database. */
    static Connection connect(String jdbcUrl, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            properties.setProperty("reWriteBatchedInserts", "true");
        }
        return DriverManager.getConnection(jdbcUrl, properties);
    }

    void load(Connection connection) throws SQLException, GeneralSecurityException {
        connection.setAutoCommit(false);
        loadAccounts(connection);
        loadReadScopes(connection);
        loadWriterScopes(connection);
        connection.commit();
        try (Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE");
        }
        connection.commit();
    }

    private void loadAccounts(Connection connection) throws SQLException {
        try (PreparedStatement accounts = connection.prepareStatement("insert into account (id, created_at) values (?, ?)");
                PreparedStatement accessKeys = connection.prepareStatement(
                        "insert into access_key (id, secret, account_id, user_id, status, created_at) values (?, ?, ?, null, 'Active', ?)")) {
            Batch accountBatch = new Batch(accounts);
            Batch accessKeyBatch = new Batch(accessKeys);
            for (int i = 0; i < layout.accounts() + layout.writers(); i++) {
                String accountId = i < layout.accounts() ? DataLayout.accountId(i)
                        : DataLayout.writerAccountId(i - layout.accounts());
                accounts.setString(1, accountId);
                accounts.setObject(2, CREATED_AT);
                accountBatch.add();
                RpcV1Signer.Credentials credentials = DataLayout.credentials(accountId);
                accessKeys.setString(1, credentials.accessKeyId());
                accessKeys.setString(2, credentials.secret());
                accessKeys.setString(3, accountId);
                accessKeys.setObject(4, CREATED_AT);
                accessKeyBatch.add();
            }
            accountBatch.flush();
            accessKeyBatch.flush();
        }
    }

    private void loadReadScopes(Connection connection) throws SQLException, GeneralSecurityException {
        try (Statements statements = new Statements(connection)) {
            for (int account = 0; account < layout.accounts(); account++) {
                for (int region = 0; region < DataLayout.READ_REGIONS.size(); region++) {
                    int scope = account * DataLayout.READ_REGIONS.size() + region;
                    String accountId = DataLayout.accountId(account);
                    String regionId = DataLayout.READ_REGIONS.get(region);
                    statements.scope(accountId, regionId);
                    for (int key = 0; key < DataLayout.KEYS_PER_SCOPE; key++) {
                        statements.key(accountId, regionId, DataLayout.keyId(scope, key));
                    }
                    for (int alias = 0; alias < DataLayout.ALIASES_PER_SCOPE; alias++) {
                        long aliasNumber = (long) scope * DataLayout.ALIASES_PER_SCOPE + alias;
                        statements.alias("20000000-0000-4000-8000-%012d".formatted(aliasNumber), accountId, regionId,
                                DataLayout.aliasName(alias), DataLayout.keyId(scope, alias % DataLayout.KEYS_PER_SCOPE),
                                CREATED_AT.plusNanos(alias * 1_000_000L));
                    }
                }
                if (account % 200 == 199) {
                    System.err.printf("bulk loader: %d of %d accounts%n", account + 1, layout.accounts());
                }
            }
            statements.flush();
        }
    }

    private void loadWriterScopes(Connection connection) throws SQLException, GeneralSecurityException {
        try (Statements statements = new Statements(connection)) {
            for (int writer = 0; writer < layout.writers(); writer++) {
                String accountId = DataLayout.writerAccountId(writer);
                statements.scope(accountId, DataLayout.WRITE_REGION);
                for (int key = 0; key < DataLayout.WRITER_KEYS; key++) {
                    statements.key(accountId, DataLayout.WRITE_REGION, DataLayout.writerKeyId(writer, key));
                }
            }
            statements.flush();
        }
    }

    private String wrappedMaterial(String versionId) throws GeneralSecurityException {
        byte[] material = new byte[32];
        random.nextBytes(material);
        byte[] iv = new byte[12];
        random.nextBytes(iv);
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(masterKey, "AES"), new GCMParameterSpec(128, iv));
        cipher.updateAAD(versionId.getBytes(StandardCharsets.UTF_8));
        byte[] sealed = cipher.doFinal(material);
        byte[] wrapped = new byte[iv.length + sealed.length];
        System.arraycopy(iv, 0, wrapped, 0, iv.length);
        System.arraycopy(sealed, 0, wrapped, iv.length, sealed.length);
        return Base64.getEncoder().encodeToString(wrapped);
    }

    /** The insert statements of scopes, keys, key versions and aliases, batched in the order of the foreign keys. */
    private final class Statements implements AutoCloseable {

        private final Connection connection;
        private final PreparedStatement scopes;
        private final PreparedStatement keys;
        private final PreparedStatement versions;
        private final PreparedStatement aliases;
        private final Batch scopeBatch;
        private final Batch keyBatch;
        private final Batch versionBatch;
        private final Batch aliasBatch;

        Statements(Connection connection) throws SQLException {
            this.connection = connection;
            scopes = connection.prepareStatement("insert into region_scope (account_id, region_id) values (?, ?)");
            keys = connection.prepareStatement("insert into kms_key (id, account_id, region_id, key_state, key_spec,"
                    + " key_usage, origin, protection_level, description, primary_version_id, created_at, delete_date)"
                    + " values (?, ?, ?, 'Enabled', 'Aliyun_AES_256', 'ENCRYPT/DECRYPT', 'Aliyun_KMS', 'SOFTWARE', '', ?, ?, null)");
            versions = connection.prepareStatement(
                    "insert into key_version (id, key_id, wrapped_material, created_at) values (?, ?, ?, ?)");
            aliases = connection.prepareStatement("insert into kms_alias (id, account_id, region_id, alias_name,"
                    + " key_id, created_at) values (?, ?, ?, ?, ?, ?)");
            scopeBatch = new Batch(scopes);
            keyBatch = new Batch(keys);
            versionBatch = new Batch(versions);
            aliasBatch = new Batch(aliases);
        }

        void scope(String accountId, String regionId) throws SQLException {
            scopes.setString(1, accountId);
            scopes.setString(2, regionId);
            scopeBatch.add();
        }

        void key(String accountId, String regionId, String keyId) throws SQLException, GeneralSecurityException {
            scopeBatch.flush();
            String versionId = "1" + keyId.substring(1);
            keys.setString(1, keyId);
            keys.setString(2, accountId);
            keys.setString(3, regionId);
            keys.setString(4, versionId);
            keys.setObject(5, CREATED_AT);
            keyBatch.add();
            versions.setString(1, versionId);
            versions.setString(2, keyId);
            versions.setString(3, wrappedMaterial(versionId));
            versions.setObject(4, CREATED_AT);
            versionBatch.add();
        }

        void alias(String id, String accountId, String regionId, String aliasName, String keyId, OffsetDateTime createdAt)
                throws SQLException {
            keyBatch.flush();
            versionBatch.flush();
            aliases.setString(1, id);
            aliases.setString(2, accountId);
            aliases.setString(3, regionId);
            aliases.setString(4, aliasName);
            aliases.setString(5, keyId);
            aliases.setObject(6, createdAt);
            aliasBatch.add();
            if (aliasBatch.size == 0) {
                connection.commit();
            }
        }

        void flush() throws SQLException {
            scopeBatch.flush();
            keyBatch.flush();
            versionBatch.flush();
            aliasBatch.flush();
            connection.commit();
        }

        @Override
        public void close() throws SQLException {
            scopes.close();
            keys.close();
            versions.close();
            aliases.close();
        }
    }

    /**
     * A prepared statement's pending batch, run every {@value #BATCH_SIZE} rows.
     */
    private static final class Batch {

        private final PreparedStatement statement;
        private int size;

        Batch(PreparedStatement statement) {
            this.statement = statement;
        }

        void add() throws SQLException {
            statement.addBatch();
            if (++size >= BATCH_SIZE) {
                flush();
            }
        }

        void flush() throws SQLException {
            if (size > 0) {
                statement.executeBatch();
                size = 0;
            }
        }
    }
}
