package dev.localkms.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.Map;

import dev.localkms.crypto.MasterKey;
import dev.localkms.crypto.MasterKeyProvider;
import dev.localkms.support.TestKmsProperties;
import org.junit.jupiter.api.Test;

class AccessKeySecretsTest {

    private static final String SECRET = "LocalKmsRootSecret000000000000";

    private final AccessKeySecrets secrets = secretsUnder(MasterKey.generate());

    @Test
    void encryptedSecretDecrypts() {
        String stored = secrets.encrypt("LTAIKey0001", SECRET);

        assertThat(stored).startsWith("enc:v1:").doesNotContain(SECRET);
        assertThat(secrets.decrypt("LTAIKey0001", stored)).isEqualTo(SECRET);
    }

    @Test
    void sameSecretEncryptsDifferently() {
        assertThat(secrets.encrypt("LTAIKey0001", SECRET)).isNotEqualTo(secrets.encrypt("LTAIKey0001", SECRET));
    }

    @Test
    void cachedSecretFollowsStoredValue() {
        String first = secrets.encrypt("LTAIKey0001", SECRET);
        String second = secrets.encrypt("LTAIKey0001", "OtherSecret000000000000000000");

        assertThat(secrets.decrypt("LTAIKey0001", first)).isEqualTo(SECRET);
        assertThat(secrets.decrypt("LTAIKey0001", second)).isEqualTo("OtherSecret000000000000000000");
        assertThat(secrets.decrypt("LTAIKey0001", first)).isEqualTo(SECRET);
    }

    @Test
    void cachedSecretStaysBoundToItsAccessKey() {
        String stored = secrets.encrypt("LTAIKey0001", SECRET);
        secrets.decrypt("LTAIKey0001", stored);

        assertThatThrownBy(() -> secrets.decrypt("LTAIKey0002", stored)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void secretIsBoundToItsAccessKey() {
        String stored = secrets.encrypt("LTAIKey0001", SECRET);

        assertThatThrownBy(() -> secrets.decrypt("LTAIKey0002", stored))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Failed to decrypt the secret of access key LTAIKey0002: the configured master key is not "
                        + "the one that encrypted it, or the stored value is corrupted");
    }

    @Test
    void otherMasterKeyCannotDecrypt() {
        String stored = secrets.encrypt("LTAIKey0001", SECRET);

        assertThatThrownBy(() -> secretsUnder(MasterKey.generate()).decrypt("LTAIKey0001", stored))
                .isInstanceOf(IllegalStateException.class).hasMessageNotContaining(SECRET);
    }

    @Test
    void plaintextOfEarlierVersionIsReturned() {
        assertThat(secrets.decrypt("LTAIKey0001", SECRET)).isEqualTo(SECRET);
        assertThat(secrets.matches("LTAIKey0001", SECRET, SECRET)).isTrue();
    }

    @Test
    void longestSecretFitsTheColumn() {
        assertThat(secrets.encrypt("LTAIKey0001", "s".repeat(128))).hasSizeLessThanOrEqualTo(512);
    }

    private static AccessKeySecrets secretsUnder(MasterKey masterKey) {
        MasterKeyProvider provider = new MasterKeyProvider(null,
                TestKmsProperties.with(Map.of("storage.master-key", masterKey.toBase64())), Clock.systemUTC());
        return new AccessKeySecrets(provider);
    }
}
