package dev.localkms.auth.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RpcV1SignatureTest {

    /** Parameters of the CreateKey example in Alibaba's KMS signature documentation, deliberately unsorted. */
    private static final List<Map.Entry<String, String>> DOCUMENTED_PARAMETERS = List.of(
            Map.entry("Version", "2016-01-20"),
            Map.entry("Timestamp", "2016-03-28T03:13:08Z"),
            Map.entry("SignatureVersion", "1.0"),
            Map.entry("SignatureMethod", "HMAC-SHA1"),
            Map.entry("Format", "json"),
            Map.entry("Action", "CreateKey"),
            Map.entry("AccessKeyId", "testid"));

    /** CreateAlias request signed with secret {@code testsecret}. */
    private static final List<Map.Entry<String, String>> CREATE_ALIAS_PARAMETERS = List.of(
            Map.entry("AccessKeyId", "testid"),
            Map.entry("Action", "CreateAlias"),
            Map.entry("AliasName", "alias/example"),
            Map.entry("Format", "JSON"),
            Map.entry("KeyId", "7906979c-8e06-46a2-be2d-68e3ccbc0001"),
            Map.entry("RegionId", "cn-hangzhou"),
            Map.entry("SignatureMethod", "HMAC-SHA1"),
            Map.entry("SignatureNonce", "e1b4a8f0-1d2c-4b6a-9f00-000000000001"),
            Map.entry("SignatureVersion", "1.0"),
            Map.entry("Timestamp", "2024-01-01T00:00:00Z"),
            Map.entry("Version", "2016-01-20"));

    /**
     * String to sign printed in Alibaba's KMS signature documentation, whose signature is given there as
     * {@code s/OdVWMTmNGagvWlljdAJ7Itsew=}. The page prints the separators between pairs as a literal
     * {@code &}, although its own algorithm encodes them as {@code %26}, as every SDK does.
     */
    private static final String DOCUMENTED_STRING_TO_SIGN = "GET&%2F&AccessKeyId%3Dtestid&Action%3DCreateKey"
            + "&Format%3Djson&SignatureMethod%3DHMAC-SHA1&SignatureVersion%3D1.0"
            + "&Timestamp%3D2016-03-28T03%253A13%253A08Z&Version%3D2016-01-20";

    @Test
    void documentedVectorSignature() {
        assertThat(RpcV1Signature.sign(DOCUMENTED_STRING_TO_SIGN, "testsecret"))
                .isEqualTo("s/OdVWMTmNGagvWlljdAJ7Itsew=");
    }

    @Test
    void documentedParametersStringToSign() {
        String stringToSign = RpcV1Signature.stringToSign("GET", DOCUMENTED_PARAMETERS, true);

        assertThat(stringToSign).isEqualTo("GET&%2F&AccessKeyId%3Dtestid%26Action%3DCreateKey%26Format%3Djson"
                + "%26SignatureMethod%3DHMAC-SHA1%26SignatureVersion%3D1.0"
                + "%26Timestamp%3D2016-03-28T03%253A13%253A08Z%26Version%3D2016-01-20");
    }

    @ParameterizedTest
    @CsvSource({
        "POST, PWs4Ig/LOfvILF7EFTng0u7p58Y=",
        "GET,  ca3XEXOy8EGQbjPXmmk25meRkyU=",
    })
    void createAliasVectorSignature(String method, String expectedSignature) {
        String stringToSign = RpcV1Signature.stringToSign(method, CREATE_ALIAS_PARAMETERS, true);

        assertThat(RpcV1Signature.sign(stringToSign, "testsecret")).isEqualTo(expectedSignature);
    }

    @Test
    void aliasSlashIsEncodedTwice() {
        String stringToSign = RpcV1Signature.stringToSign("POST", CREATE_ALIAS_PARAMETERS, true);

        assertThat(stringToSign).contains("AliasName%3Dalias%252Fexample");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "AZaz09-_.~   | AZaz09-_.~",
        "\"a b\"      | a%20b",
        "a+b          | a%2Bb",
        "a*b          | a%2Ab",
        "alias/x      | alias%2Fx",
        "k=v&w        | k%3Dv%26w",
        "100%         | 100%25",
        "12:00        | 12%3A00",
        "é            | %C3%A9",
        "\"\"         | \"\"",
    })
    void percentEncoding(String value, String expected) {
        assertThat(PercentEncoding.encode(value)).isEqualTo(expected);
    }

    @Test
    void signatureParameterIsNotSigned() {
        List<Map.Entry<String, String>> withSignature = List.of(
                Map.entry("Action", "ListAliases"), Map.entry("Signature", "abc="));
        List<Map.Entry<String, String>> withoutSignature = List.of(Map.entry("Action", "ListAliases"));

        assertThat(RpcV1Signature.stringToSign("POST", withSignature, true))
                .isEqualTo(RpcV1Signature.stringToSign("POST", withoutSignature, true));
    }

    @Test
    void parametersSortByCodePoint() {
        List<Map.Entry<String, String>> parameters = List.of(
                Map.entry("alpha", "1"), Map.entry("Zeta", "2"), Map.entry("Alpha", "3"));

        assertThat(RpcV1Signature.stringToSign("POST", parameters, true))
                .isEqualTo("POST&%2F&Alpha%3D3%26Zeta%3D2%26alpha%3D1");
    }

    @ParameterizedTest
    @CsvSource({
        "true,  POST&%2F&Action%3DListAliases%26SignatureType%3D",
        "false, POST&%2F&Action%3DListAliases",
    })
    void emptyValuesIncludedOnRequest(boolean includeEmptyValues, String expected) {
        List<Map.Entry<String, String>> parameters = List.of(
                Map.entry("SignatureType", ""), Map.entry("Action", "ListAliases"));

        assertThat(RpcV1Signature.stringToSign("POST", parameters, includeEmptyValues)).isEqualTo(expected);
    }
}
