package dev.localkms.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Base64;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MasterKeyTest {

    private final MasterKey masterKey = MasterKey.generate();
    private final String versionId = UUID.randomUUID().toString();
    private final byte[] keyMaterial = BlobCipher.newKeyMaterial();

    @Test
    void unwrapReturnsWrappedMaterial() {
        byte[] wrapped = masterKey.wrap(keyMaterial, versionId);

        assertThat(masterKey.unwrap(wrapped, versionId)).isEqualTo(keyMaterial);
    }

    @Test
    void wrappedValueIsIvCiphertextAndTag() {
        byte[] wrapped = masterKey.wrap(keyMaterial, versionId);

        assertThat(wrapped).hasSize(12 + keyMaterial.length + 16);
    }

    @Test
    void wrappedValueHidesMaterial() {
        byte[] wrapped = masterKey.wrap(keyMaterial, versionId);

        assertThat(Base64.getEncoder().encodeToString(wrapped))
                .doesNotContain(Base64.getEncoder().encodeToString(keyMaterial));
    }

    @Test
    void eachWrapUsesFreshIv() {
        assertThat(masterKey.wrap(keyMaterial, versionId)).isNotEqualTo(masterKey.wrap(keyMaterial, versionId));
    }

    @Test
    void reloadedKeyUnwraps() {
        byte[] wrapped = masterKey.wrap(keyMaterial, versionId);

        MasterKey reloaded = MasterKey.fromBase64(masterKey.toBase64());

        assertThat(reloaded.unwrap(wrapped, versionId)).isEqualTo(keyMaterial);
    }

    @Test
    void otherVersionIdFailsToUnwrap() {
        byte[] wrapped = masterKey.wrap(keyMaterial, versionId);
        String otherVersionId = UUID.randomUUID().toString();

        IllegalStateException error = catchThrowableOfType(IllegalStateException.class,
                () -> masterKey.unwrap(wrapped, otherVersionId));

        assertThat(error).isNotNull();
        assertThat(error).hasMessageContaining(otherVersionId);
    }

    @Test
    void otherMasterKeyFailsToUnwrap() {
        byte[] wrapped = masterKey.wrap(keyMaterial, versionId);

        IllegalStateException error = catchThrowableOfType(IllegalStateException.class,
                () -> MasterKey.generate().unwrap(wrapped, versionId));

        assertThat(error).isNotNull();
        assertThat(error).hasMessageContaining("master key");
    }

    @Test
    void tamperedValueFailsToUnwrap() {
        byte[] wrapped = masterKey.wrap(keyMaterial, versionId);
        wrapped[wrapped.length - 1] ^= 0x01;

        assertThatIllegalStateException().isThrownBy(() -> masterKey.unwrap(wrapped, versionId));
    }

    @Test
    void truncatedValueFailsToUnwrap() {
        assertThatIllegalStateException()
                .isThrownBy(() -> masterKey.unwrap(new byte[27], versionId))
                .withMessageContaining("27 bytes");
    }

    static Stream<Arguments> invalidBase64Keys() {
        String sixteenBytes = Base64.getEncoder().encodeToString(AesGcm.randomBytes(16));
        String thirtyThreeBytes = Base64.getEncoder().encodeToString(AesGcm.randomBytes(33));
        return Stream.of(
                Arguments.of("16 bytes", sixteenBytes, "exactly 32 bytes"),
                Arguments.of("33 bytes", thirtyThreeBytes, "exactly 32 bytes"),
                Arguments.of("not Base64", "#" + sixteenBytes, "not valid Base64"),
                Arguments.of("blank", " ", "missing"),
                Arguments.of("null", null, "missing"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBase64Keys")
    void fromBase64RejectsInvalidKey(String name, String base64, String rule) {
        IllegalArgumentException error = catchThrowableOfType(IllegalArgumentException.class,
                () -> MasterKey.fromBase64(base64));

        assertThat(error).isNotNull();
        assertThat(error).hasMessageContaining(rule);
    }

    @ParameterizedTest
    @ValueSource(ints = {16, 31, 33, 64})
    void wrongLengthMessageOmitsKey(int length) {
        String base64 = Base64.getEncoder().encodeToString(AesGcm.randomBytes(length));

        IllegalArgumentException error = catchThrowableOfType(IllegalArgumentException.class,
                () -> MasterKey.fromBase64(base64));

        assertThat(error).isNotNull();
        assertThat(error.getMessage()).doesNotContain(base64.substring(0, 8));
    }

    @Test
    void notBase64MessageOmitsKey() {
        String base64 = "*" + MasterKey.generate().toBase64();

        IllegalArgumentException error = catchThrowableOfType(IllegalArgumentException.class,
                () -> MasterKey.fromBase64(base64));

        assertThat(error).isNotNull();
        assertThat(error.getMessage()).doesNotContain("*");
        assertThat(error.getCause()).isNull();
    }

    @Test
    void fromBase64IgnoresSurroundingWhitespace() {
        MasterKey reloaded = MasterKey.fromBase64(" " + masterKey.toBase64() + "\n");

        assertThat(reloaded.toBase64()).isEqualTo(masterKey.toBase64());
    }

    @Test
    void toStringHidesKey() {
        assertThat(masterKey.toString()).doesNotContain(masterKey.toBase64());
    }
}
