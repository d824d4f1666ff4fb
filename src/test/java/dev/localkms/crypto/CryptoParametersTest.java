package dev.localkms.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.localkms.error.ErrorCode;
import dev.localkms.error.KmsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CryptoParametersTest {

    @ParameterizedTest(name = "KeySpec={0}, NumberOfBytes={1} -> {2}")
    @CsvSource(nullValues = "null", value = {
            "null,    null, 32",
            "'',      '',   32",
            "AES_256, null, 32",
            "AES_128, null, 16",
            "null,    1,    1",
            "null,    16,   16",
            "null,    1024, 1024",
            "AES_128, 64,   64",
            "AES_256, 8,    8",
            "AES_512, 24,   24",
            "AES_128, '',   16"})
    void dataKeyLengthFollowsRules(String keySpec, String numberOfBytes, int expected) {
        assertThat(CryptoParameters.dataKeyLength(keySpec, numberOfBytes)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "KeySpec={0}, NumberOfBytes={1}")
    @CsvSource(nullValues = "null", value = {
            "null,      0,    NumberOfBytes",
            "null,      -1,   NumberOfBytes",
            "null,      1025, NumberOfBytes",
            "AES_256,   1025, NumberOfBytes",
            "null,      abc,  NumberOfBytes",
            "null,      1.5,  NumberOfBytes",
            "null,      99999999999, NumberOfBytes",
            "AES_512,   null, KeySpec",
            "aes_256,   null, KeySpec",
            "' AES_128', null, KeySpec",
            "Aliyun_AES_256, null, KeySpec"})
    void dataKeyLengthRejectsInvalidValue(String keySpec, String numberOfBytes, String parameter) {
        KmsException error = catchThrowableOfType(KmsException.class,
                () -> CryptoParameters.dataKeyLength(keySpec, numberOfBytes));

        assertThat(error).isNotNull();
        String value = parameter.equals("KeySpec") ? keySpec : numberOfBytes;
        assertThat(error.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER);
        assertThat(error.getMessage()).startsWith("The specified parameter \"" + parameter + "\" is not valid");
        assertThat(error.getMessage()).contains("\"" + value + "\"");
    }

    @ParameterizedTest(name = "{0} x {1}")
    @CsvSource({"a, 6144", "é, 3072", "€, 2048", "😀, 1536"})
    void plaintextAtLimitIsAccepted(String unit, int count) {
        String plaintext = unit.repeat(count);

        assertThat(CryptoParameters.plaintextBytes(plaintext)).hasSize(CryptoParameters.MAX_PLAINTEXT_BYTES);
    }

    @ParameterizedTest(name = "{0} x {1}")
    @CsvSource({"a, 6145", "é, 3073", "€, 2049", "😀, 1537"})
    void plaintextOverLimitIsRejected(String unit, int count) {
        String plaintext = unit.repeat(count);

        KmsException error = catchThrowableOfType(KmsException.class, () -> CryptoParameters.plaintextBytes(plaintext));

        assertThat(error).isNotNull();
        assertThat(error.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER);
        assertThat(error.getMessage()).startsWith("The specified parameter \"Plaintext\" is not valid");
        assertThat(error.getMessage()).doesNotContain(unit.repeat(2));
    }

    @Test
    void plaintextIsNotBase64Decoded() {
        assertThat(CryptoParameters.plaintextBytes("aGVsbG8=")).asString().isEqualTo("aGVsbG8=");
    }
}
