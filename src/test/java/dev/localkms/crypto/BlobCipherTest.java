package dev.localkms.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.localkms.error.KmsException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class BlobCipherTest {

    private static final String CONTEXT = "{\"app\":\"billing\",\"env\":\"test\"}";
    private static final String PLAINTEXT = "secret plaintext 0123456789";

    private final String versionId = UUID.randomUUID().toString();
    private final byte[] keyMaterial = BlobCipher.newKeyMaterial();

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 16, 44, CryptoParameters.MAX_PLAINTEXT_BYTES})
    void decryptReturnsPlaintext(int length) {
        byte[] plaintext = AesGcm.randomBytes(length);

        CiphertextBlob blob = BlobCipher.encrypt(versionId, keyMaterial, plaintext, aad(CONTEXT));

        assertThat(BlobCipher.decrypt(CiphertextBlob.decode(blob.encode()), keyMaterial, aad(CONTEXT)))
                .isEqualTo(plaintext);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 16, 44, CryptoParameters.MAX_PLAINTEXT_BYTES})
    void blobIs64BytesLongerThanPlaintext(int length) {
        CiphertextBlob blob = BlobCipher.encrypt(versionId, keyMaterial, new byte[length], aad(CONTEXT));

        assertThat(Base64.getDecoder().decode(blob.encode())).hasSize(64 + length);
    }

    @Test
    void blobStartsWithKeyVersionId() {
        CiphertextBlob blob = BlobCipher.encrypt(versionId, keyMaterial, bytes(PLAINTEXT), aad(CONTEXT));

        byte[] decoded = Base64.getDecoder().decode(blob.encode());

        assertThat(new String(decoded, 0, 36, StandardCharsets.US_ASCII)).isEqualTo(versionId);
    }

    @Test
    void eachEncryptionUsesFreshIv() {
        CiphertextBlob first = BlobCipher.encrypt(versionId, keyMaterial, bytes(PLAINTEXT), aad(CONTEXT));
        CiphertextBlob second = BlobCipher.encrypt(versionId, keyMaterial, bytes(PLAINTEXT), aad(CONTEXT));

        assertThat(second.iv()).isNotEqualTo(first.iv());
        assertThat(second.encode()).isNotEqualTo(first.encode());
    }

    @Test
    void contextInOtherKeyOrderDecrypts() {
        CiphertextBlob blob = BlobCipher.encrypt(versionId, keyMaterial, bytes(PLAINTEXT), aad(CONTEXT));

        byte[] decrypted = BlobCipher.decrypt(blob, keyMaterial, aad("{\"env\":\"test\",\"app\":\"billing\"}"));

        assertThat(decrypted).isEqualTo(bytes(PLAINTEXT));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {
            "{}",
            "{\"app\":\"billing\"}",
            "{\"app\":\"billing\",\"env\":\"prod\"}",
            "{\"app\":\"billing\",\"env\":\"test\",\"extra\":\"x\"}"})
    void otherContextFailsToDecrypt(String otherContext) {
        CiphertextBlob blob = BlobCipher.encrypt(versionId, keyMaterial, bytes(PLAINTEXT), aad(CONTEXT));

        assertInvalidCiphertext(() -> BlobCipher.decrypt(blob, keyMaterial, aad(otherContext)));
    }

    @Test
    void contextGivenOnlyAtDecryptFails() {
        CiphertextBlob blob = BlobCipher.encrypt(versionId, keyMaterial, bytes(PLAINTEXT), aad(null));

        assertInvalidCiphertext(() -> BlobCipher.decrypt(blob, keyMaterial, aad(CONTEXT)));
    }

    @Test
    void otherKeyMaterialFailsToDecrypt() {
        CiphertextBlob blob = BlobCipher.encrypt(versionId, keyMaterial, bytes(PLAINTEXT), aad(CONTEXT));

        assertInvalidCiphertext(() -> BlobCipher.decrypt(blob, BlobCipher.newKeyMaterial(), aad(CONTEXT)));
    }

    @Test
    void otherVersionIdWithSameMaterialFails() {
        CiphertextBlob blob = BlobCipher.encrypt(versionId, keyMaterial, bytes(PLAINTEXT), aad(CONTEXT));
        CiphertextBlob moved = new CiphertextBlob(UUID.randomUUID().toString(), blob.iv(), blob.sealed());

        assertInvalidCiphertext(() -> BlobCipher.decrypt(moved, keyMaterial, aad(CONTEXT)));
    }

    static Stream<Arguments> tamperedOffsets() {
        int bodyStart = 48;
        int tagStart = bodyStart + PLAINTEXT.length();
        return Stream.of(
                Arguments.of("version ID", 0),
                Arguments.of("version ID end", 35),
                Arguments.of("IV start", 36),
                Arguments.of("IV end", 47),
                Arguments.of("body start", bodyStart),
                Arguments.of("body end", tagStart - 1),
                Arguments.of("tag start", tagStart),
                Arguments.of("tag end", tagStart + 15));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tamperedOffsets")
    void tamperedByteFailsToDecrypt(String region, int offset) {
        CiphertextBlob blob = BlobCipher.encrypt(versionId, keyMaterial, bytes(PLAINTEXT), aad(CONTEXT));
        byte[] bytes = Base64.getDecoder().decode(blob.encode());
        // Swapping one hexadecimal digit for another keeps a tampered version ID well-formed,
        // so the failure comes from authentication rather than from decoding.
        bytes[offset] = (byte) (offset < 36 ? otherHexDigit(bytes[offset]) : bytes[offset] ^ 0x01);
        String tampered = Base64.getEncoder().encodeToString(bytes);

        assertInvalidCiphertext(() -> BlobCipher.decrypt(CiphertextBlob.decode(tampered), keyMaterial, aad(CONTEXT)));
    }

    @Test
    void failureMessageOmitsPlaintextAndKey() {
        CiphertextBlob blob = BlobCipher.encrypt(versionId, keyMaterial, bytes(PLAINTEXT), aad(CONTEXT));

        KmsException error = catchThrowableOfType(KmsException.class,
                () -> BlobCipher.decrypt(blob, keyMaterial, aad(null)));

        assertThat(error).isNotNull();
        assertThat(error.getMessage()).doesNotContain(PLAINTEXT);
        assertThat(error.getMessage()).doesNotContain(Base64.getEncoder().encodeToString(keyMaterial));
    }

    @Test
    void newKeyMaterialIsRandom32Bytes() {
        byte[] first = BlobCipher.newKeyMaterial();
        byte[] second = BlobCipher.newKeyMaterial();

        assertThat(first).hasSize(32);
        assertThat(second).isNotEqualTo(first);
    }

    private static void assertInvalidCiphertext(Runnable decryption) {
        KmsException error = catchThrowableOfType(KmsException.class, decryption::run);

        assertThat(error).isNotNull();
        assertThat(error.errorCode()).isEqualTo(CiphertextErrors.INVALID_CIPHERTEXT);
        assertThat(error.getMessage()).startsWith("The specified parameter \"CiphertextBlob\" is not valid: ");
    }

    private static byte otherHexDigit(byte character) {
        return (byte) (character == '0' ? '1' : '0');
    }

    private static byte[] aad(String context) {
        return EncryptionContexts.additionalData(context);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
