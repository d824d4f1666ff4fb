package dev.localkms.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.localkms.error.ErrorCode;
import dev.localkms.error.KmsException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class EncryptionContextsTest {

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "{}", " { } "})
    void emptyContextHashesEmptyString(String json) throws Exception {
        assertThat(EncryptionContexts.additionalData(json)).isEqualTo(sha256(""));
    }

    static Stream<Arguments> canonicalForms() {
        return Stream.of(
                Arguments.of("{\"a\":\"1\"}", "a=1"),
                Arguments.of("{\"a\":\"1\",\"b\":\"2\"}", "a=1&b=2"),
                Arguments.of("{\"b\":\"2\",\"a\":\"1\"}", "a=1&b=2"),
                Arguments.of("{\"Key2\":\"Value2\",\"Key1\":\"Value1\",\"A\":\"\"}", "A=&Key1=Value1&Key2=Value2"),
                Arguments.of("{\"région\":\"東京\"}", "région=東京"),
                Arguments.of(" {\n \"a\" : \"1\" }\n", "a=1"));
    }

    @ParameterizedTest
    @MethodSource("canonicalForms")
    void contextHashesSortedPairs(String json, String canonical) throws Exception {
        assertThat(EncryptionContexts.additionalData(json)).isEqualTo(sha256(canonical));
    }

    @Test
    void keyOrderDoesNotChangeAdditionalData() {
        byte[] ordered = EncryptionContexts.additionalData("{\"a\":\"1\",\"b\":\"2\"}");
        byte[] reversed = EncryptionContexts.additionalData("{\"b\":\"2\",\"a\":\"1\"}");

        assertThat(reversed).isEqualTo(ordered);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":\"2\"}", "{\"A\":\"1\"}", "{\"a\":\"1\",\"b\":\"2\"}", "{}"})
    void differentContextChangesAdditionalData(String other) {
        assertThat(EncryptionContexts.additionalData(other))
                .isNotEqualTo(EncryptionContexts.additionalData("{\"a\":\"1\"}"));
    }

    @Test
    void contextAtMaxLengthIsAccepted() {
        String json = objectOfLength(EncryptionContexts.MAX_LENGTH);

        assertThat(EncryptionContexts.additionalData(json)).hasSize(32);
    }

    static Stream<Arguments> invalidContexts() {
        return Stream.of(
                Arguments.of("array of objects", "[{\"Key\":\"Value\"}]", "is not a JSON object"),
                Arguments.of("string", "\"Key\"", "is not a JSON object"),
                Arguments.of("JSON null", "null", "is not a JSON object"),
                Arguments.of("number value", "{\"Key\":12345}", "has a value that is not a string"),
                Arguments.of("boolean value", "{\"Key\":true}", "has a value that is not a string"),
                Arguments.of("array value", "{\"Key\":[\"v1\",\"v2\"]}", "has a value that is not a string"),
                Arguments.of("nested object", "{\"Key\":{\"a\":\"b\"}}", "has a value that is not a string"),
                Arguments.of("null value", "{\"Key\":null}", "has a value that is not a string"),
                Arguments.of("bad JSON", "{\"Key\":\"Value\"", "is not valid JSON"),
                Arguments.of("not JSON", "Key=Value", "is not valid JSON"),
                Arguments.of("trailing text", "{\"Key\":\"Value\"} x", "is not valid JSON"),
                Arguments.of("second object", "{\"Key\":\"Value\"} {}", "is not valid JSON"),
                Arguments.of("single quotes", "{'Key':'Value'}", "is not valid JSON"),
                Arguments.of("missing value", "{\"Key\":}", "is not valid JSON"),
                Arguments.of("repeated key", "{\"Key\":\"a\",\"Key\":\"b\"}", "repeats the key \"Key\""),
                Arguments.of("8193 characters", objectOfLength(EncryptionContexts.MAX_LENGTH + 1),
                        "is longer than 8192 characters"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidContexts")
    void invalidContextIsRejected(String name, String json, String rule) {
        KmsException error = catchThrowableOfType(KmsException.class, () -> EncryptionContexts.additionalData(json));

        assertThat(error).isNotNull();
        assertThat(error.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER);
        assertThat(error.getMessage()).startsWith("The specified parameter \"EncryptionContext\" is not valid");
        assertThat(error.getMessage()).contains(rule);
    }

    @Test
    void rejectedLongValueIsShortenedInMessage() {
        String json = objectOfLength(EncryptionContexts.MAX_LENGTH + 1);

        KmsException error = catchThrowableOfType(KmsException.class, () -> EncryptionContexts.additionalData(json));

        assertThat(error).isNotNull();
        assertThat(error.getMessage()).contains(json.substring(0, 100) + "...");
        assertThat(error.getMessage()).doesNotContain(json.substring(0, 101));
    }

    /** Builds {"k":"vvv…"} of exactly {@code length} characters. */
    private static String objectOfLength(int length) {
        return "{\"k\":\"" + "v".repeat(length - 8) + "\"}";
    }

    private static byte[] sha256(String text) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    }
}
