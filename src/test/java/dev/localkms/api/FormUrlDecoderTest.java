package dev.localkms.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import dev.localkms.error.KmsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FormUrlDecoderTest {

    @Test
    void decodesPlusAndEscapes() {
        assertThat(decode("a=1+2%2B3&&b&c=caf%C3%A9&d=%F0%9F%94%91"))
                .containsExactly(Map.entry("a", "1 2+3"), Map.entry("b", ""), Map.entry("c", "caf\u00e9"),
                        Map.entry("d", "\uD83D\uDD11"));
    }

    @Test
    void decodesRawUtf8Bytes() {
        List<Map.Entry<String, String>> pairs = FormUrlDecoder.decodePairs(
                "k=caf\u00e9".getBytes(StandardCharsets.UTF_8));

        assertThat(pairs).containsExactly(Map.entry("k", "caf\u00e9"));
    }

    @Test
    void emptyInputHasNoPairs() {
        assertThat(decode("")).isEmpty();
        assertThat(decode("&&")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"%FF", "ab%C0%AF", "%ED%A0%80", "%E2%82", "%80", "caf%E9"})
    void invalidUtf8IsRejected(String value) {
        assertThatThrownBy(() -> decode("Plaintext=" + value))
                .isInstanceOfSatisfying(KmsException.class, e -> assertThat(e.getMessage())
                        .contains("\"Plaintext\"").contains("is not valid UTF-8"));
    }

    @Test
    void invalidUtf8OffsetIsReported() {
        assertThatThrownBy(() -> decode("Description=caf%E9"))
                .hasMessageContaining("the byte at offset 3 of its percent-decoded bytes");
    }

    @Test
    void invalidUtf8InNameIsRejected() {
        assertThatThrownBy(() -> decode("Key%FF=v")).hasMessageContaining("A parameter name is not valid UTF-8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"secret%", "secret%4", "secret%4g", "secret%g4"})
    void malformedEscapeNamesOnlyTheEscape(String value) {
        String escape = value.substring(value.indexOf('%'));

        assertThatThrownBy(() -> decode("Plaintext=" + value))
                .isInstanceOf(KmsException.class)
                .hasMessageContaining("\"Plaintext\" is not valid: its value has a malformed percent-encoding \""
                        + escape + "\" at offset 6")
                .hasMessageNotContaining("secret");
    }

    private static List<Map.Entry<String, String>> decode(String encoded) {
        return FormUrlDecoder.decodePairs(encoded.getBytes(StandardCharsets.ISO_8859_1));
    }
}
