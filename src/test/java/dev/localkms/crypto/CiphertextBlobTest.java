package dev.localkms.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.localkms.error.KmsException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CiphertextBlobTest {

    private static final String VERSION_ID = UUID.randomUUID().toString();

    @Test
    void decodeReversesEncode() {
        CiphertextBlob blob = new CiphertextBlob(VERSION_ID, AesGcm.randomBytes(12), AesGcm.randomBytes(40));

        assertThat(CiphertextBlob.decode(blob.encode())).isEqualTo(blob);
    }

    @Test
    void encodedBlobLayout() {
        byte[] iv = AesGcm.randomBytes(12);
        byte[] sealed = AesGcm.randomBytes(20);

        byte[] bytes = Base64.getDecoder().decode(new CiphertextBlob(VERSION_ID, iv, sealed).encode());

        assertThat(new String(bytes, 0, 36, StandardCharsets.US_ASCII)).isEqualTo(VERSION_ID);
        assertThat(Arrays.copyOfRange(bytes, 36, 48)).isEqualTo(iv);
        assertThat(Arrays.copyOfRange(bytes, 48, bytes.length)).isEqualTo(sealed);
    }

    @Test
    void decodeAcceptsMinimumLength() {
        String base64 = encode(VERSION_ID.getBytes(StandardCharsets.US_ASCII), new byte[28]);

        assertThat(CiphertextBlob.decode(base64).sealed()).hasSize(16);
    }

    static Stream<Arguments> invalidBlobs() {
        byte[] version = VERSION_ID.getBytes(StandardCharsets.US_ASCII);
        byte[] upperCaseVersion = VERSION_ID.toUpperCase().getBytes(StandardCharsets.US_ASCII);
        byte[] keyIdLikeVersion = "key-hzz630494463ejqjx0000-0000000000".getBytes(StandardCharsets.US_ASCII);
        return Stream.of(
                Arguments.of("null", null, "0 bytes long"),
                Arguments.of("not Base64", "not base64!", "is not Base64"),
                Arguments.of("URL-safe alphabet", "-_-_", "is not Base64"),
                Arguments.of("empty", "", "0 bytes long"),
                Arguments.of("63 bytes", encode(version, new byte[27]), "63 bytes long"),
                Arguments.of("random prefix", encode(AesGcm.randomBytes(36), new byte[40]), "key version ID"),
                Arguments.of("upper-case UUID prefix", encode(upperCaseVersion, new byte[40]), "key version ID"),
                Arguments.of("key ID prefix", encode(keyIdLikeVersion, new byte[40]), "key version ID"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBlobs")
    void decodeRejectsInvalidBlob(String name, String base64, String reason) {
        KmsException error = catchThrowableOfType(KmsException.class, () -> CiphertextBlob.decode(base64));

        assertThat(error).isNotNull();
        assertThat(error.errorCode()).isEqualTo(CiphertextErrors.INVALID_CIPHERTEXT);
        assertThat(error.getMessage()).startsWith("The specified parameter \"CiphertextBlob\" is not valid: ");
        assertThat(error.getMessage()).contains(reason);
    }

    @Test
    void blobCopiesItsArrays() {
        byte[] iv = new byte[12];
        CiphertextBlob blob = new CiphertextBlob(VERSION_ID, iv, new byte[16]);

        iv[0] = 1;
        blob.iv()[1] = 1;

        assertThat(blob.iv()).isEqualTo(new byte[12]);
    }

    private static String encode(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(part -> part.length).sum();
        byte[] bytes = new byte[length];
        int offset = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, bytes, offset, part.length);
            offset += part.length;
        }
        return Base64.getEncoder().encodeToString(bytes);
    }
}
