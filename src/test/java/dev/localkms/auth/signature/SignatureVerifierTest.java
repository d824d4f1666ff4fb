package dev.localkms.auth.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.localkms.auth.signature.SignatureVerifier.Verification;

class SignatureVerifierTest {

    /** String to sign of the CreateKey example in Alibaba's KMS signature documentation. */
    private static final String STRING_TO_SIGN_WITHOUT_EMPTY_VALUE = "GET&%2F&AccessKeyId%3Dtestid%26Action%3DCreateKey"
            + "%26Format%3Djson%26SignatureMethod%3DHMAC-SHA1%26SignatureVersion%3D1.0"
            + "%26Timestamp%3D2016-03-28T03%253A13%253A08Z%26Version%3D2016-01-20";

    /** The same string to sign with {@code SignatureType=} added, as clients that sign empty values send it. */
    private static final String STRING_TO_SIGN_WITH_EMPTY_VALUE = "GET&%2F&AccessKeyId%3Dtestid%26Action%3DCreateKey"
            + "%26Format%3Djson%26SignatureMethod%3DHMAC-SHA1%26SignatureType%3D%26SignatureVersion%3D1.0"
            + "%26Timestamp%3D2016-03-28T03%253A13%253A08Z%26Version%3D2016-01-20";

    /** Signatures of the two strings with secret {@code testsecret}, computed with Python's hmac module. */
    private static final String SIGNATURE_WITH_EMPTY_VALUE = "hQLD4jKOEu/8tbiHpAwR4pGEgXk=";
    private static final String SIGNATURE_WITHOUT_EMPTY_VALUE = "41wk2SSX1GJh7fwnc5eqOfiJPFg=";

    @ParameterizedTest
    @CsvSource({
        SIGNATURE_WITH_EMPTY_VALUE + ", true",
        SIGNATURE_WITHOUT_EMPTY_VALUE + ", true",
        "hQLD4jKOEu/8tbiHpAwR4pGEgXK=, false",
        "41wk2SSX1GJh7fwnc5eqOfiJPFG=, false",
    })
    void rpcV1EmptyValueSignedEitherWay(String signature, boolean expectedMatch) {
        SignedRequest request = documentedRequestWithEmptySignatureType(signature);

        Verification verification = SignatureVerifier.verify(request, rpcV1Claim(signature), "testsecret");

        assertThat(verification.matched()).isEqualTo(expectedMatch);
    }

    @ParameterizedTest
    @CsvSource({
        SIGNATURE_WITH_EMPTY_VALUE + ", " + STRING_TO_SIGN_WITH_EMPTY_VALUE,
        SIGNATURE_WITHOUT_EMPTY_VALUE + ", " + STRING_TO_SIGN_WITHOUT_EMPTY_VALUE,
        "wrong/signature/000000000000=, " + STRING_TO_SIGN_WITH_EMPTY_VALUE,
    })
    void rpcV1ReportsStringToSign(String signature, String expectedStringToSign) {
        SignedRequest request = documentedRequestWithEmptySignatureType(signature);

        Verification verification = SignatureVerifier.verify(request, rpcV1Claim(signature), "testsecret");

        assertThat(verification.serverStringToSign()).isEqualTo(expectedStringToSign);
    }

    @Test
    void rpcV1SignsQueryAndFormParametersTogether() {
        SignedRequest request = new SignedRequest("POST",
                List.of(Map.entry("Action", "CreateAlias"), Map.entry("AliasName", "alias/example"),
                        Map.entry("Signature", "PWs4Ig/LOfvILF7EFTng0u7p58Y="), Map.entry("Format", "JSON"),
                        Map.entry("KeyId", "7906979c-8e06-46a2-be2d-68e3ccbc0001"),
                        Map.entry("RegionId", "cn-hangzhou")),
                List.of(Map.entry("AccessKeyId", "testid"), Map.entry("SignatureMethod", "HMAC-SHA1"),
                        Map.entry("SignatureNonce", "e1b4a8f0-1d2c-4b6a-9f00-000000000001"),
                        Map.entry("SignatureVersion", "1.0"), Map.entry("Timestamp", "2024-01-01T00:00:00Z"),
                        Map.entry("Version", "2016-01-20")),
                Map.of(), new byte[0]);

        Verification verification = SignatureVerifier.verify(
                request, rpcV1Claim("PWs4Ig/LOfvILF7EFTng0u7p58Y="), "testsecret");

        assertThat(verification.matched()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
        "e166c4151156d60260a1e491c3d02a3a318007184ac4299e151856e6bc2584e9, true",
        "e166c4151156d60260a1e491c3d02a3a318007184ac4299e151856e6bc2584e8, false",
        "E166C4151156D60260A1E491C3D02A3A318007184AC4299E151856E6BC2584E9, false",
    })
    void acs3ComparesHexSignature(String signature, boolean expectedMatch) {
        Verification verification = SignatureVerifier.verify(
                capturedCreateAlias(), acs3Claim(signature), "FakeAccessKeySecret0000000000");

        assertThat(verification.matched()).isEqualTo(expectedMatch);
    }

    @Test
    void acs3ReportsStringToSign() {
        Verification verification = SignatureVerifier.verify(
                capturedCreateAlias(), acs3Claim("0".repeat(64)), "FakeAccessKeySecret0000000000");

        assertThat(verification.serverStringToSign())
                .isEqualTo("ACS3-HMAC-SHA256\nb5e3cc52552a979b90a956bb0f3b0f7d05e9baabca8205e4c36a71db189a887f");
    }

    @Test
    void acs3WrongSecretDoesNotMatch() {
        Verification verification = SignatureVerifier.verify(capturedCreateAlias(),
                acs3Claim("e166c4151156d60260a1e491c3d02a3a318007184ac4299e151856e6bc2584e9"), "AnotherSecret");

        assertThat(verification.matched()).isFalse();
    }

    private static SignedRequest documentedRequestWithEmptySignatureType(String signature) {
        return new SignedRequest("GET", List.of(
                Map.entry("AccessKeyId", "testid"),
                Map.entry("Action", "CreateKey"),
                Map.entry("Format", "json"),
                Map.entry("Signature", signature),
                Map.entry("SignatureMethod", "HMAC-SHA1"),
                Map.entry("SignatureType", ""),
                Map.entry("SignatureVersion", "1.0"),
                Map.entry("Timestamp", "2016-03-28T03:13:08Z"),
                Map.entry("Version", "2016-01-20")), List.of(), Map.of(), new byte[0]);
    }

    private static SignatureClaim rpcV1Claim(String signature) {
        return new SignatureClaim(SignatureScheme.RPC_V1, "testid", signature, null, null, List.of());
    }

    private static SignatureClaim acs3Claim(String signature) {
        return new SignatureClaim(SignatureScheme.ACS3_HMAC_SHA256, "LTAIFAKEACCESSKEYID0000", signature,
                null, null, List.of("host", "x-acs-action", "x-acs-content-sha256", "x-acs-date",
                        "x-acs-signature-nonce", "x-acs-version"));
    }

    /** CreateAlias as kms20160120 1.2.3 sent it with its default V3 signature. */
    private static SignedRequest capturedCreateAlias() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-acs-action", "CreateAlias");
        headers.put("host", "127.0.0.1:27080");
        headers.put("x-acs-date", "2026-12-04T19:20:06Z");
        headers.put("x-acs-version", "2016-01-20");
        headers.put("x-acs-content-sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        headers.put("x-acs-signature-nonce", "68813d0e199d88893f494a1943a108d7");
        headers.put("user-agent", "AlibabaCloud (Linux; amd64) Java/17.0.15 tea-util/0.2.21 TeaDSL/1");
        return new SignedRequest("POST",
                List.of(Map.entry("AliasName", "alias/test-a"), Map.entry("KeyId", "key-1234")),
                List.of(), headers, new byte[0]);
    }
}
