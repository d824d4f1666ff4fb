package dev.localkms.auth.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Acs3SignatureTest {

    private static final String EMPTY_BODY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static final List<String> TEA_SIGNED_HEADERS = List.of(
            "host", "x-acs-action", "x-acs-content-sha256", "x-acs-date", "x-acs-signature-nonce", "x-acs-version");

    @Test
    void documentedRunInstancesVector() {
        SignedRequest request = emptyPost(
                List.of(Map.entry("ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd"),
                        Map.entry("RegionId", "cn-shanghai")),
                "ecs.cn-shanghai.aliyuncs.com", "RunInstances", "2014-05-26",
                "2023-10-26T10:22:32Z", "3156853299f313e23d1673dc12e1703d");

        String stringToSign = Acs3Signature.stringToSign(Acs3Signature.canonicalRequest(request, TEA_SIGNED_HEADERS));

        assertThat(stringToSign)
                .isEqualTo("ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259");
        assertThat(Acs3Signature.sign(stringToSign, "YourAccessKeySecret"))
                .isEqualTo("06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0");
    }

    @Test
    void createAliasVector() {
        SignedRequest request = emptyPost(
                List.of(Map.entry("AliasName", "alias/example"),
                        Map.entry("KeyId", "7906979c-8e06-46a2-be2d-68e3ccbc0001")),
                "kms.cn-hangzhou.aliyuncs.com", "CreateAlias", "2016-01-20",
                "2024-01-01T00:00:00Z", "3156853299f313e23d1673dc12e17001");

        String stringToSign = Acs3Signature.stringToSign(Acs3Signature.canonicalRequest(request, TEA_SIGNED_HEADERS));

        assertThat(Acs3Signature.sign(stringToSign, "testsecret"))
                .isEqualTo("c73bdc85d71d58aad479d79990f1d3f32dfed48c8d0822fd9e6c3aab16e2d91e");
    }

    @Test
    void capturedCreateAliasCanonicalRequest() {
        String canonicalRequest = Acs3Signature.canonicalRequest(capturedCreateAlias(), TEA_SIGNED_HEADERS);

        assertThat(canonicalRequest).isEqualTo("""
                POST
                /
                AliasName=alias%2Ftest-a&KeyId=key-1234
                host:127.0.0.1:27080
                x-acs-action:CreateAlias
                x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                x-acs-date:2026-12-04T19:20:06Z
                x-acs-signature-nonce:68813d0e199d88893f494a1943a108d7
                x-acs-version:2016-01-20

                host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855""");
    }

    @Test
    void capturedCreateAliasStringToSign() {
        String canonicalRequest = Acs3Signature.canonicalRequest(capturedCreateAlias(), TEA_SIGNED_HEADERS);

        assertThat(Acs3Signature.stringToSign(canonicalRequest))
                .isEqualTo("ACS3-HMAC-SHA256\nb5e3cc52552a979b90a956bb0f3b0f7d05e9baabca8205e4c36a71db189a887f");
    }

    @Test
    void capturedCreateAliasSignature() {
        String canonicalRequest = Acs3Signature.canonicalRequest(capturedCreateAlias(), TEA_SIGNED_HEADERS);

        assertThat(Acs3Signature.sign(Acs3Signature.stringToSign(canonicalRequest), "FakeAccessKeySecret0000000000"))
                .isEqualTo("e166c4151156d60260a1e491c3d02a3a318007184ac4299e151856e6bc2584e9");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "\"alias/a b+c*d~e=f&g%h:é\" | AliasName=alias%2Fa%20b%2Bc%2Ad~e%3Df%26g%25h%3A%C3%A9",
        "\"\"                       | AliasName=",
    })
    void canonicalQueryReencodesDecodedValues(String aliasName, String expectedQuery) {
        SignedRequest request = new SignedRequest(
                "POST", List.of(Map.entry("AliasName", aliasName)), List.of(), Map.of(), new byte[0]);

        String canonicalRequest = Acs3Signature.canonicalRequest(request, List.of());

        assertThat(canonicalRequest.split("\n")[2]).isEqualTo(expectedQuery);
    }

    @Test
    void canonicalQueryLeavesFormParametersOut() {
        byte[] body = "AliasName=alias%2Fx".getBytes(StandardCharsets.UTF_8);
        SignedRequest request = new SignedRequest("POST", List.of(Map.entry("KeyId", "key-1")),
                List.of(Map.entry("AliasName", "alias/x")), Map.of(), body);

        String canonicalRequest = Acs3Signature.canonicalRequest(request, List.of());

        assertThat(canonicalRequest.split("\n")[2]).isEqualTo("KeyId=key-1");
    }

    @Test
    void payloadHashComesFromBodyNotHeader() {
        SignedRequest request = new SignedRequest("POST", List.of(), List.of(),
                Map.of("x-acs-content-sha256", EMPTY_BODY_SHA256), "{}".getBytes(StandardCharsets.UTF_8));

        String canonicalRequest = Acs3Signature.canonicalRequest(request, List.of());

        assertThat(canonicalRequest)
                .endsWith("\n44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
    }

    @Test
    void signedHeaderValuesAreTrimmed() {
        SignedRequest request = new SignedRequest(
                "POST", List.of(), List.of(), Map.of("x-acs-action", "  ListAliases \t"), new byte[0]);

        String canonicalRequest = Acs3Signature.canonicalRequest(request, List.of("x-acs-action"));

        assertThat(canonicalRequest).contains("\nx-acs-action:ListAliases\n");
    }

    @Test
    void defaultSignedHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-acs-version", "2016-01-20");
        headers.put("user-agent", "test");
        headers.put("content-type", "application/x-www-form-urlencoded");
        headers.put("accept", "application/json");
        headers.put("host", "127.0.0.1:8080");
        headers.put("x-acs-action", "ListAliases");

        assertThat(Acs3Signature.defaultSignedHeaders(headers))
                .containsExactly("content-type", "host", "x-acs-action", "x-acs-version");
    }

    private static SignedRequest capturedCreateAlias() {
        return emptyPost(
                List.of(Map.entry("AliasName", "alias/test-a"), Map.entry("KeyId", "key-1234")),
                "127.0.0.1:27080", "CreateAlias", "2016-01-20",
                "2026-12-04T19:20:06Z", "68813d0e199d88893f494a1943a108d7");
    }

    private static SignedRequest emptyPost(List<Map.Entry<String, String>> query, String host, String action,
            String version, String date, String nonce) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", host);
        headers.put("x-acs-action", action);
        headers.put("x-acs-version", version);
        headers.put("x-acs-date", date);
        headers.put("x-acs-signature-nonce", nonce);
        headers.put("x-acs-content-sha256", EMPTY_BODY_SHA256);
        return new SignedRequest("POST", query, List.of(), headers, new byte[0]);
    }
}
