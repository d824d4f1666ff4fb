package dev.localkms.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DataKeyTest {

    private static final String CONTEXT = "{\"purpose\":\"envelope\"}";

    private final String versionId = UUID.randomUUID().toString();
    private final byte[] keyMaterial = BlobCipher.newKeyMaterial();

    @ParameterizedTest
    @ValueSource(ints = {1, 16, 32, 1024})
    void plaintextIsBase64OfRequestedLength(int length) {
        DataKey dataKey = DataKey.generate(versionId, keyMaterial, length, aad(CONTEXT));

        assertThat(Base64.getDecoder().decode(dataKey.plaintext())).hasSize(length);
    }

    @Test
    void decryptOfBlobReturnsBase64Text() {
        DataKey dataKey = DataKey.generate(versionId, keyMaterial, 32, aad(CONTEXT));

        byte[] decrypted = BlobCipher.decrypt(dataKey.ciphertextBlob(), keyMaterial, aad(CONTEXT));

        assertThat(new String(decrypted, StandardCharsets.UTF_8)).isEqualTo(dataKey.plaintext());
    }

    @Test
    void blobOf32ByteKeyIs108Bytes() {
        DataKey dataKey = DataKey.generate(versionId, keyMaterial, 32, aad(CONTEXT));

        assertThat(Base64.getDecoder().decode(dataKey.ciphertextBlob().encode())).hasSize(108);
    }

    @Test
    void eachDataKeyIsRandom() {
        DataKey first = DataKey.generate(versionId, keyMaterial, 32, aad(CONTEXT));
        DataKey second = DataKey.generate(versionId, keyMaterial, 32, aad(CONTEXT));

        assertThat(second.plaintext()).isNotEqualTo(first.plaintext());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1025})
    void lengthOutOfRangeIsRejected(int length) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DataKey.generate(versionId, keyMaterial, length, aad(CONTEXT)));
    }

    @Test
    void toStringHidesPlaintext() {
        DataKey dataKey = DataKey.generate(versionId, keyMaterial, 32, aad(CONTEXT));

        assertThat(dataKey.toString()).doesNotContain(dataKey.plaintext());
    }

    private static byte[] aad(String context) {
        return EncryptionContexts.additionalData(context);
    }
}
