package dev.localkms.auth.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.localkms.error.ErrorCode;
import dev.localkms.error.KmsException;

class SignatureClaimsTest {

    private static final String ACCESS_KEY_ID = "LTAIFAKEACCESSKEYID0000";
    private static final String HEX_SIGNATURE = "e166c4151156d60260a1e491c3d02a3a318007184ac4299e151856e6bc2584e9";

    @Test
    void unsignedRequestHasNoClaim() {
        SignedRequest request = request(List.of(Map.entry("Action", "ListAliases"),
                Map.entry("AccessKeyId", ACCESS_KEY_ID)), List.of(), Map.of("host", "127.0.0.1"));

        assertThat(SignatureClaims.read(request)).isEmpty();
    }

    @Test
    void rpcV1InQuery() {
        SignedRequest request = request(List.of(
                Map.entry("AccessKeyId", ACCESS_KEY_ID),
                Map.entry("Signature", "abc="),
                Map.entry("Timestamp", "2026-12-04T19:20:13Z"),
                Map.entry("SignatureNonce", "1b7594477d5f91224b2f617b12cc6237")), List.of(), Map.of());

        assertThat(SignatureClaims.read(request)).contains(new SignatureClaim(SignatureScheme.RPC_V1, ACCESS_KEY_ID,
                "abc=", "2026-12-04T19:20:13Z", "1b7594477d5f91224b2f617b12cc6237", List.of()));
    }

    @Test
    void rpcV1InFormBody() {
        SignedRequest request = request(List.of(), List.of(
                Map.entry("AccessKeyId", ACCESS_KEY_ID), Map.entry("Signature", "abc=")), Map.of());

        assertThat(SignatureClaims.read(request)).contains(
                new SignatureClaim(SignatureScheme.RPC_V1, ACCESS_KEY_ID, "abc=", null, null, List.of()));
    }

    static Stream<List<Map.Entry<String, String>>> parametersWithoutAccessKeyId() {
        return Stream.of(
                List.of(Map.entry("Signature", "abc=")),
                List.of(Map.entry("Signature", "abc="), Map.entry("AccessKeyId", "")));
    }

    @ParameterizedTest
    @MethodSource("parametersWithoutAccessKeyId")
    void rpcV1WithoutAccessKeyIdIsIncomplete(List<Map.Entry<String, String>> parameters) {
        SignedRequest request = request(parameters, List.of(), Map.of());

        assertIncomplete(request, "no AccessKeyId parameter");
    }

    @ParameterizedTest
    @CsvSource({
        "SignatureMethod, HMAC-SHA256, HMAC-SHA1",
        "SignatureMethod, hmac-sha1, HMAC-SHA1",
        "SignatureMethod, '', HMAC-SHA1",
        "SignatureVersion, 2.0, 1.0",
        "SignatureVersion, 1, 1.0",
    })
    void rpcV1WithOtherMethodOrVersionIsIncomplete(String parameter, String value, String supported) {
        SignedRequest request = request(List.of(Map.entry("AccessKeyId", ACCESS_KEY_ID),
                Map.entry("Signature", "abc="), Map.entry(parameter, value)), List.of(), Map.of());

        assertIncomplete(request, "The parameter \"%s\" is \"%s\", but this service supports only \"%s\"."
                .formatted(parameter, value, supported));
    }

    @Test
    void rpcV1WithDocumentedMethodAndVersion() {
        SignedRequest request = request(List.of(Map.entry("AccessKeyId", ACCESS_KEY_ID),
                Map.entry("Signature", "abc="), Map.entry("SignatureMethod", "HMAC-SHA1"),
                Map.entry("SignatureVersion", "1.0")), List.of(), Map.of());

        assertThat(SignatureClaims.read(request)).map(SignatureClaim::scheme).contains(SignatureScheme.RPC_V1);
    }

    @Test
    void rpcV1WithEmptySignatureIsIncomplete() {
        SignedRequest request = request(List.of(
                Map.entry("Signature", ""), Map.entry("AccessKeyId", ACCESS_KEY_ID)), List.of(), Map.of());

        assertIncomplete(request, "Signature parameter is empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "ACS3-HMAC-SHA256 Credential=%s,SignedHeaders=host;x-acs-action;x-acs-date;x-acs-signature-nonce,Signature=%s",
        "ACS3-HMAC-SHA256 Credential=%s,Signature=%s,SignedHeaders=host;x-acs-action;x-acs-date;x-acs-signature-nonce",
        "ACS3-HMAC-SHA256  Credential=%s, SignedHeaders=Host;X-Acs-Action;x-acs-date;X-Acs-Signature-Nonce, Signature=%s ",
    })
    void acs3WithSignedHeaders(String authorizationFormat) {
        SignedRequest request = acs3Request(authorizationFormat.formatted(ACCESS_KEY_ID, HEX_SIGNATURE));

        assertThat(SignatureClaims.read(request)).contains(new SignatureClaim(SignatureScheme.ACS3_HMAC_SHA256,
                ACCESS_KEY_ID, HEX_SIGNATURE, "2026-12-04T19:20:06Z", "68813d0e199d88893f494a1943a108d7",
                List.of("host", "x-acs-action", "x-acs-date", "x-acs-signature-nonce")));
    }

    @ParameterizedTest
    @CsvSource({
        "host, x-acs-action",
        "host;x-acs-date;x-acs-signature-nonce, x-acs-action",
        "host;x-acs-action;x-acs-date, x-acs-signature-nonce",
        "content-type;x-acs-action;x-acs-signature-nonce, x-acs-date",
    })
    void acs3WithUnsignedAcsHeaderIsIncomplete(String signedHeaders, String unsignedHeader) {
        SignedRequest request = acs3Request("ACS3-HMAC-SHA256 Credential=%s,SignedHeaders=%s,Signature=%s"
                .formatted(ACCESS_KEY_ID, signedHeaders, HEX_SIGNATURE));

        assertIncomplete(request, "The header \"" + unsignedHeader + "\" is not in the SignedHeaders");
    }

    @Test
    void acs3WithoutHostSignedIsAccepted() {
        SignedRequest request = acs3Request("ACS3-HMAC-SHA256 Credential=%s,SignedHeaders=%s,Signature=%s"
                .formatted(ACCESS_KEY_ID, "content-type;x-acs-action;x-acs-date;x-acs-signature-nonce", HEX_SIGNATURE));

        assertThat(SignatureClaims.read(request)).map(SignatureClaim::signedHeaders).contains(List.of(
                "content-type", "x-acs-action", "x-acs-date", "x-acs-signature-nonce"));
    }

    @Test
    void acs3WithoutSignedHeadersSignsDefaultHeaders() {
        SignedRequest request = acs3Request(
                "ACS3-HMAC-SHA256 Credential=%s,Signature=%s".formatted(ACCESS_KEY_ID, HEX_SIGNATURE));

        Optional<SignatureClaim> claim = SignatureClaims.read(request);

        assertThat(claim).map(SignatureClaim::signedHeaders).contains(List.of(
                "content-type", "host", "x-acs-action", "x-acs-date", "x-acs-signature-nonce"));
    }

    @Test
    void authorizationWinsOverSignatureParameter() {
        String authorization = "ACS3-HMAC-SHA256 Credential=%s,Signature=%s".formatted(ACCESS_KEY_ID, HEX_SIGNATURE);
        SignedRequest request = request(
                List.of(Map.entry("Signature", "abc=")), List.of(), Map.of("Authorization", authorization));

        assertThat(SignatureClaims.read(request))
                .map(SignatureClaim::scheme)
                .contains(SignatureScheme.ACS3_HMAC_SHA256);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "ACS3-HMAC-SHA256",
        "ACS3-HMAC-SHA256 ",
        "ACS3-HMAC-SHA256 Credential=AK",
        "ACS3-HMAC-SHA256 Signature=abc",
        "ACS3-HMAC-SHA256 Credential=,Signature=abc",
        "ACS3-HMAC-SHA256 Credential=AK,Signature=",
        "ACS3-HMAC-SHA256 Credential=AK,Signature=abc,",
        "ACS3-HMAC-SHA256 Credential=AK;Signature=abc",
        "ACS3-HMAC-SHA256 Credential=AK,Signature=abc,Signature=def",
        "ACS3-HMAC-SHA256 Credential=AK,Signature=abc,Region=cn-hangzhou",
        "ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=,Signature=abc",
        "ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=host;;x-acs-date,Signature=abc",
    })
    void malformedAuthorizationIsIncomplete(String authorization) {
        SignedRequest request = request(List.of(), List.of(), Map.of("authorization", authorization));

        assertIncomplete(request, "The request signature does not conform to Aliyun standards.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ACS4-HMAC-SHA256", "ACS3-RSA-SHA256", "ACS3-HMAC-SM3"})
    void otherAcsAlgorithmIsNamedAsUnsupported(String algorithm) {
        SignedRequest request = request(List.of(), List.of(),
                Map.of("authorization", algorithm + " Credential=AK,SignedHeaders=host,Signature=abc"));

        assertIncomplete(request, "\"" + algorithm + "\"");
    }

    @Test
    void otherAuthorizationSchemeIsNotEchoed() {
        SignedRequest request = request(List.of(), List.of(), Map.of("authorization", "Bearer-token-value"));

        assertThatThrownBy(() -> SignatureClaims.read(request))
                .isInstanceOfSatisfying(KmsException.class, error -> assertThat(error.getMessage())
                        .doesNotContain("Bearer-token-value"));
    }

    private static void assertIncomplete(SignedRequest request, String messagePart) {
        assertThatThrownBy(() -> SignatureClaims.read(request))
                .isInstanceOfSatisfying(KmsException.class, error -> {
                    assertThat(error.errorCode()).isEqualTo(ErrorCode.INCOMPLETE_SIGNATURE);
                    assertThat(error.getMessage()).contains(messagePart);
                });
    }

    private static SignedRequest acs3Request(String authorization) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", authorization);
        headers.put("x-acs-action", "CreateAlias");
        headers.put("Host", "127.0.0.1:27080");
        headers.put("x-acs-date", "2026-12-04T19:20:06Z");
        headers.put("x-acs-signature-nonce", "68813d0e199d88893f494a1943a108d7");
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        headers.put("user-agent", "test");
        return request(List.of(), List.of(), headers);
    }

    private static SignedRequest request(List<Map.Entry<String, String>> query,
            List<Map.Entry<String, String>> form, Map<String, String> headers) {
        return new SignedRequest("POST", query, form, headers, new byte[0]);
    }
}
