package dev.localkms.key;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.aliyuncs.http.MethodType;
import dev.localkms.sdk.CryptoKmsDriver;
import dev.localkms.support.CryptoIntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Alibaba's table "Impact of CMK states on API calls", row by row, for every action this service
 * serves. No API creates a PendingImport key here, so that state is set in the database.
 */
class KeyStateTableIT extends CryptoIntegrationTest {

    private static final String SUCCESS = "Success";

    // Columns: action, then the outcome in Enabled, Disabled, PendingDeletion and PendingImport.
    // UpdateAlias is checked against the state of its new target key. ListAliasesByKeyId is missing
    // from Alibaba's table and is read-only, so it is expected to succeed in every state.
    private static final String TABLE = """
            ENCRYPT                             | Success | Rejected.Disabled | Rejected.PendingDeletion     | Rejected.PendingImport
            DECRYPT                             | Success | Rejected.Disabled | Rejected.PendingDeletion     | Rejected.PendingImport
            GENERATE_DATA_KEY                   | Success | Rejected.Disabled | Rejected.PendingDeletion     | Rejected.PendingImport
            GENERATE_DATA_KEY_WITHOUT_PLAINTEXT | Success | Rejected.Disabled | Rejected.PendingDeletion     | Rejected.PendingImport
            LIST_KEYS                           | Success | Success           | Success                      | Success
            DESCRIBE_KEY                        | Success | Success           | Success                      | Success
            UPDATE_KEY_DESCRIPTION              | Success | Success           | Rejected.PendingDeletion     | Success
            ENABLE_KEY                          | Success | Success           | Rejected.StateModifiedFailed | Rejected.StateModifiedFailed
            DISABLE_KEY                         | Success | Success           | Rejected.StateModifiedFailed | Rejected.StateModifiedFailed
            SCHEDULE_KEY_DELETION               | Success | Success           | Rejected.StateModifiedFailed | Success
            CANCEL_KEY_DELETION                 | Rejected.StateModifiedFailed | Rejected.StateModifiedFailed | Success | Rejected.StateModifiedFailed
            CREATE_ALIAS                        | Success | Success           | Rejected.StateModifiedFailed | Success
            DELETE_ALIAS                        | Success | Success           | Success                      | Success
            LIST_ALIASES                        | Success | Success           | Success                      | Success
            UPDATE_ALIAS                        | Success | Success           | Rejected.PendingDeletion     | Success
            LIST_ALIASES_BY_KEY_ID              | Success | Success           | Success                      | Success
            """;

    private static final List<String> STATES = List.of("Enabled", "Disabled", "PendingDeletion", "PendingImport");

    @Autowired
    private JdbcTemplate jdbc;

    /**
     * Keys and aliases prepared for one call.
     *
     * @param kms the driver, acting in a region of this test's own
     * @param keyId the key in the state under test
     * @param aliasOfKey an alias of that key
     * @param aliasOfOtherKey an alias of another, Enabled key
     * @param ciphertextBlob a blob encrypted under the key while it was Enabled
     */
    record Fixture(CryptoKmsDriver kms, String keyId, String aliasOfKey, String aliasOfOtherKey,
            String ciphertextBlob) {
    }

    /** Each action, called on the key under test. */
    enum Action {
        ENCRYPT(f -> f.kms().encrypt(f.keyId(), "state table", null)),
        DECRYPT(f -> f.kms().decrypt(f.ciphertextBlob(), null)),
        GENERATE_DATA_KEY(f -> f.kms().generateDataKey(f.keyId(), null, null, null)),
        GENERATE_DATA_KEY_WITHOUT_PLAINTEXT(f -> f.kms().generateDataKeyWithoutPlaintext(f.keyId(), null, null, null)),
        LIST_KEYS(f -> f.kms().listKeys(1, 100)),
        DESCRIBE_KEY(f -> f.kms().describeKey(f.keyId())),
        UPDATE_KEY_DESCRIPTION(f -> f.kms().updateKeyDescription(f.keyId(), "changed in the state table")),
        ENABLE_KEY(f -> f.kms().enableKey(f.keyId())),
        DISABLE_KEY(f -> f.kms().disableKey(f.keyId())),
        SCHEDULE_KEY_DELETION(f -> f.kms().scheduleKeyDeletion(f.keyId(), 7)),
        CANCEL_KEY_DELETION(f -> f.kms().cancelKeyDeletion(f.keyId())),
        CREATE_ALIAS(f -> f.kms().createAlias(f.keyId(), uniqueAlias("state-new"))),
        DELETE_ALIAS(f -> f.kms().deleteAlias(f.aliasOfKey())),
        LIST_ALIASES(f -> f.kms().listAliases(1, 100)),
        UPDATE_ALIAS(f -> f.kms().updateAlias(f.keyId(), f.aliasOfOtherKey())),
        LIST_ALIASES_BY_KEY_ID(f -> f.kms().listAliasesByKeyId(f.keyId(), 1, 100));

        private final Consumer<Fixture> call;

        Action(Consumer<Fixture> call) {
            this.call = call;
        }
    }

    static Stream<Arguments> cells() {
        List<Arguments> cells = new ArrayList<>();
        for (String row : TABLE.strip().split("\n")) {
            List<String> columns = Arrays.stream(row.split("\\|")).map(String::strip).toList();
            Action action = Action.valueOf(columns.get(0));
            for (int i = 0; i < STATES.size(); i++) {
                cells.add(Arguments.of(action, STATES.get(i), columns.get(i + 1)));
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} on a {1} key: {2}")
    @MethodSource("cells")
    void actionInStateGivesDocumentedOutcome(Action action, String state, String expected) {
        Fixture fixture = prepare(state);

        if (expected.equals(SUCCESS)) {
            action.call.accept(fixture);
        } else {
            assertFails(() -> action.call.accept(fixture), expected, 409);
            assertThat(fixture.kms().describeKey(fixture.keyId()).keyState()).as("state after the rejection")
                    .isEqualTo(state);
        }
    }

    @ParameterizedTest(name = "{0} on a {1} key leaves it {2}")
    @CsvSource(textBlock = """
            ENABLE_KEY,            Enabled,         Enabled
            ENABLE_KEY,            Disabled,        Enabled
            DISABLE_KEY,           Enabled,         Disabled
            DISABLE_KEY,           Disabled,        Disabled
            SCHEDULE_KEY_DELETION, Enabled,         PendingDeletion
            SCHEDULE_KEY_DELETION, Disabled,        PendingDeletion
            SCHEDULE_KEY_DELETION, PendingImport,   PendingDeletion
            CANCEL_KEY_DELETION,   PendingDeletion, Enabled
            """)
    void lifecycleActionMovesKeyToState(Action action, String state, String expectedState) {
        Fixture fixture = prepare(state);

        action.call.accept(fixture);

        assertThat(fixture.kms().describeKey(fixture.keyId()).keyState()).isEqualTo(expectedState);
    }

    private Fixture prepare(String state) {
        CryptoKmsDriver kms = popDriver(uniqueRegion(), MethodType.POST);
        String keyId = kms.createKey("state table: " + state);
        String otherKeyId = kms.createKey("state table: other key");
        String aliasOfKey = uniqueAlias("state-key");
        String aliasOfOtherKey = uniqueAlias("state-other");
        kms.createAlias(keyId, aliasOfKey);
        kms.createAlias(otherKeyId, aliasOfOtherKey);
        String blob = kms.encrypt(keyId, "state table", null).ciphertextBlob();
        switch (state) {
            case "Enabled" -> {
            }
            case "Disabled" -> kms.disableKey(keyId);
            case "PendingDeletion" -> kms.scheduleKeyDeletion(keyId, 7);
            case "PendingImport" -> jdbc.update("update kms_key set key_state = ? where id = ?", state, keyId);
            default -> throw new IllegalArgumentException("Unknown key state " + state);
        }
        assertThat(kms.describeKey(keyId).keyState()).as("prepared state").isEqualTo(state);
        return new Fixture(kms, keyId, aliasOfKey, aliasOfOtherKey, blob);
    }
}
