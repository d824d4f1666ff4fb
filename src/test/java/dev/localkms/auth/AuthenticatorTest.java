package dev.localkms.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import dev.localkms.account.AccessKeyRecord;
import dev.localkms.account.AccountService;
import dev.localkms.api.RpcRequest;
import dev.localkms.auth.signature.Acs3Signature;
import dev.localkms.auth.signature.CapturedRequest;
import dev.localkms.auth.signature.SignatureClaims;
import dev.localkms.auth.signature.SignedRequest;
import dev.localkms.config.KmsProperties;
import dev.localkms.config.KmsProperties.AuthMode;
import dev.localkms.error.KmsException;
import dev.localkms.support.TestKmsProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs every captured SDK request through authentication, with the clock set to the capture's time. */
class AuthenticatorTest {

    private static final String ACCOUNT_ID = "5555555555555555";
    private static final List<CapturedRequest> CAPTURES = CapturedRequest.readAll();
    private static final Instant ACS3_TIME = Instant.parse("2026-12-04T19:20:06Z");

    private final AccountService accounts = mock(AccountService.class);
    private final NonceRegistry registry = new LocalNonceRegistry();

    static Stream<CapturedRequest> signedCaptures() {
        return CAPTURES.stream().filter(capture -> !"ACS4-HMAC-SHA256".equals(capture.authorizationAlgorithm()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signedCaptures")
    void captureAuthenticatesAsItsKeyOwner(CapturedRequest capture) {
        givenKey(CapturedRequest.SECRET, true);

        Caller caller = authenticator(AuthMode.STRICT, timeOf(capture)).authenticate(rpc(capture), "cn-hangzhou");

        assertThat(caller.accountId()).isEqualTo(ACCOUNT_ID);
        assertThat(caller.accessKeyId()).isEqualTo(CapturedRequest.ACCESS_KEY_ID);
        assertThat(caller.signed()).isTrue();
        assertThat(caller.isRoot()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signedCaptures")
    void replayedCaptureIsRejected(CapturedRequest capture) {
        givenKey(CapturedRequest.SECRET, true);
        Authenticator authenticator = authenticator(AuthMode.STRICT, timeOf(capture));
        authenticator.authenticate(rpc(capture), "cn-hangzhou");

        assertThatThrownBy(() -> authenticator.authenticate(rpc(capture), "cn-hangzhou"))
                .isInstanceOfSatisfying(KmsException.class,
                        error -> assertThat(error.errorCode().code()).isEqualTo("SignatureNonceUsed"));
    }

    @Test
    void overlongNonceRejected() {
        givenKey(CapturedRequest.SECRET, true);
        String nonce = "n".repeat(Authenticator.MAX_NONCE_LENGTH + 1);
        RpcRequest request = signedAcs3(acs3Headers("ListKeys", nonce),
                List.of("x-acs-action", "x-acs-date", "x-acs-signature-nonce"));

        assertThatThrownBy(() -> authenticator(AuthMode.STRICT, ACS3_TIME).authenticate(request, "cn-hangzhou"))
                .isInstanceOfSatisfying(KmsException.class, error -> {
                    assertThat(error.errorCode().code()).isEqualTo("InvalidParameter");
                    assertThat(error.getMessage()).contains("x-acs-signature-nonce");
                    assertThat(error.getMessage()).contains("has 129 characters, more than the maximum of 128");
                });
    }

    @Test
    void nonceAtLengthLimitAccepted() {
        givenKey(CapturedRequest.SECRET, true);
        RpcRequest request = signedAcs3(acs3Headers("ListKeys", "n".repeat(Authenticator.MAX_NONCE_LENGTH)),
                List.of("x-acs-action", "x-acs-date", "x-acs-signature-nonce"));

        assertThat(authenticator(AuthMode.STRICT, ACS3_TIME).authenticate(request, "cn-hangzhou").signed()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signedCaptures")
    void replayWithinTimestampValidityRejected(CapturedRequest capture) {
        givenKey(CapturedRequest.SECRET, true);
        // The first use comes from a client whose clock is 14 minutes ahead of the server's.
        authenticator(AuthMode.STRICT, timeOf(capture).minus(Duration.ofMinutes(14)))
                .authenticate(rpc(capture), "cn-hangzhou");

        assertCode(authenticator(AuthMode.STRICT, timeOf(capture).plus(Duration.ofMinutes(14))), capture,
                "SignatureNonceUsed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signedCaptures")
    void captureSixteenMinutesLateIsExpired(CapturedRequest capture) {
        givenKey(CapturedRequest.SECRET, true);

        assertCode(authenticator(AuthMode.STRICT, timeOf(capture).plus(Duration.ofMinutes(16))), capture,
                "InvalidTimeStamp.Expired");
        assertCode(authenticator(AuthMode.STRICT, timeOf(capture).minus(Duration.ofMinutes(16))), capture,
                "InvalidTimeStamp.Expired");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signedCaptures")
    void captureWithOtherSecretDoesNotMatch(CapturedRequest capture) {
        givenKey("AnotherSecret0000000000000000", true);

        assertThatThrownBy(() -> authenticator(AuthMode.STRICT, timeOf(capture)).authenticate(rpc(capture), "cn-hangzhou"))
                .isInstanceOfSatisfying(KmsException.class, error -> {
                    assertThat(error.errorCode().code()).isEqualTo("SignatureDoesNotMatch");
                    assertThat(error.getMessage()).startsWith(
                            "Specified signature is not matched with our calculation. server string to sign is:");
                    assertThat(error.getMessage()).doesNotEndWith("is:");
                });
    }

    @Test
    void inactiveKeyIsRejected() {
        givenKey(CapturedRequest.SECRET, false);
        CapturedRequest capture = signedCaptures().findFirst().orElseThrow();

        assertCode(authenticator(AuthMode.STRICT, timeOf(capture)), capture, "InvalidAccessKeyId.Inactive");
    }

    @Test
    void unknownKeyIsRejected() {
        when(accounts.findAccessKey(CapturedRequest.ACCESS_KEY_ID)).thenReturn(Optional.empty());
        CapturedRequest capture = signedCaptures().findFirst().orElseThrow();

        assertCode(authenticator(AuthMode.LENIENT, timeOf(capture)), capture, "InvalidAccessKeyId.NotFound");
    }

    @Test
    void unsignedRequestInStrictModeIsRejected() {
        RpcRequest unsigned = unsignedRequest(List.of(Map.entry("Action", "ListAliases")));

        assertThatThrownBy(() -> authenticator(AuthMode.STRICT, Instant.now()).authenticate(unsigned, "cn-hangzhou"))
                .isInstanceOfSatisfying(KmsException.class,
                        error -> assertThat(error.errorCode().code()).isEqualTo("IncompleteSignature"));
    }

    @Test
    void lenientUnsignedActsAsDefaultRoot() {
        RpcRequest unsigned = unsignedRequest(List.of(Map.entry("Action", "ListAliases")));

        Caller caller = authenticator(AuthMode.LENIENT, Instant.now()).authenticate(unsigned, "cn-shanghai");

        assertThat(caller.accountId()).isEqualTo("1234567890123456");
        assertThat(caller.regionId()).isEqualTo("cn-shanghai");
        assertThat(caller.signed()).isFalse();
    }

    @Test
    void unsignedRequestNamingKeyActsAsItsOwner() {
        givenKey(CapturedRequest.SECRET, true);
        RpcRequest unsigned = unsignedRequest(List.of(Map.entry("AccessKeyId", CapturedRequest.ACCESS_KEY_ID)));

        Caller caller = authenticator(AuthMode.LENIENT, Instant.now()).authenticate(unsigned, "cn-hangzhou");

        assertThat(caller.accountId()).isEqualTo(ACCOUNT_ID);
        assertThat(caller.signed()).isFalse();
    }

    @Test
    void acs3WithOnlyHostSignedIsRejected() {
        givenKey(CapturedRequest.SECRET, true);
        RpcRequest request = signedAcs3(acs3Headers("ListKeys", "nonce-host-only"), List.of("host"));

        assertUnsignedHeader(request, "x-acs-action");
    }

    @Test
    void acs3ActionChangedOutsideSignatureIsRejected() {
        givenKey(CapturedRequest.SECRET, true);
        Map<String, String> headers = acs3Headers("ListKeys", "nonce-action");
        RpcRequest signed = signedAcs3(headers, List.of("host", "x-acs-date", "x-acs-signature-nonce"));
        RpcRequest changed = withHeader(signed, "x-acs-action", "ScheduleKeyDeletion");

        assertUnsignedHeader(changed, "x-acs-action");
    }

    @Test
    void acs3ReplayWithFreshUnsignedNonceIsRejected() {
        givenKey(CapturedRequest.SECRET, true);
        Map<String, String> headers = acs3Headers("ListKeys", "nonce-first");
        RpcRequest signed = signedAcs3(headers, List.of("host", "x-acs-action", "x-acs-date"));
        RpcRequest replayed = withHeader(signed, "x-acs-signature-nonce", "nonce-replayed");

        assertUnsignedHeader(signed, "x-acs-signature-nonce");
        assertUnsignedHeader(replayed, "x-acs-signature-nonce");
    }

    @Test
    void acs3WithEveryAcsHeaderSignedIsAccepted() {
        givenKey(CapturedRequest.SECRET, true);
        RpcRequest request = signedAcs3(acs3Headers("ListKeys", "nonce-all"),
                List.of("x-acs-action", "x-acs-date", "x-acs-signature-nonce"));

        Caller caller = authenticator(AuthMode.STRICT, ACS3_TIME).authenticate(request, "cn-hangzhou");

        assertThat(caller.signed()).isTrue();
    }

    @Test
    void acs3WithoutSignedHeadersSignsDefaults() {
        givenKey(CapturedRequest.SECRET, true);
        RpcRequest request = signedAcs3(acs3Headers("ListKeys", "nonce-legacy"), null);

        Caller caller = authenticator(AuthMode.STRICT, ACS3_TIME).authenticate(request, "cn-hangzhou");

        assertThat(caller.signed()).isTrue();
    }

    private void assertUnsignedHeader(RpcRequest request, String header) {
        assertThatThrownBy(() -> authenticator(AuthMode.STRICT, ACS3_TIME).authenticate(request, "cn-hangzhou"))
                .isInstanceOfSatisfying(KmsException.class, error -> {
                    assertThat(error.errorCode().code()).isEqualTo("IncompleteSignature");
                    assertThat(error.getMessage()).contains("\"" + header + "\" is not in the SignedHeaders");
                });
    }

    private static RpcRequest withHeader(RpcRequest request, String name, String value) {
        Map<String, String> headers = new HashMap<>(request.headers());
        headers.put(name, value);
        return new RpcRequest("test", request.method(), request.queryParameters(), request.formParameters(), headers,
                request.body(), "127.0.0.1", false);
    }

    private static Map<String, String> acs3Headers(String action, String nonce) {
        Map<String, String> headers = new HashMap<>();
        headers.put("host", "127.0.0.1:8080");
        headers.put("x-acs-action", action);
        headers.put("x-acs-version", "2016-01-20");
        headers.put("x-acs-date", ACS3_TIME.toString());
        headers.put("x-acs-signature-nonce", nonce);
        return headers;
    }

    /**
     * Returns a V3 request signed with the captures' secret over {@code signedHeaders}, or over the
     * default headers with no SignedHeaders part, as the legacy Java V3 composer sends, when it is null.
     * The x-acs-version header is always signed.
     */
    private static RpcRequest signedAcs3(Map<String, String> headers, List<String> signedHeaders) {
        SignedRequest unsigned = new SignedRequest("POST", List.of(), List.of(), headers, new byte[0]);
        List<String> names = signedHeaders == null
                ? Acs3Signature.defaultSignedHeaders(headers)
                : Stream.concat(signedHeaders.stream(), Stream.of("x-acs-version")).sorted().toList();
        String signature = Acs3Signature.sign(Acs3Signature.stringToSign(
                Acs3Signature.canonicalRequest(unsigned, names)), CapturedRequest.SECRET);
        String authorization = signedHeaders == null
                ? "ACS3-HMAC-SHA256 Credential=%s,Signature=%s".formatted(CapturedRequest.ACCESS_KEY_ID, signature)
                : "ACS3-HMAC-SHA256 Credential=%s,SignedHeaders=%s,Signature=%s".formatted(
                        CapturedRequest.ACCESS_KEY_ID, String.join(";", names), signature);
        Map<String, String> signedRequestHeaders = new HashMap<>(headers);
        signedRequestHeaders.put("authorization", authorization);
        return new RpcRequest("test", "POST", List.of(), List.of(), signedRequestHeaders, new byte[0], "127.0.0.1",
                false);
    }

    private void assertCode(Authenticator authenticator, CapturedRequest capture, String code) {
        assertThatThrownBy(() -> authenticator.authenticate(rpc(capture), "cn-hangzhou"))
                .isInstanceOfSatisfying(KmsException.class, error -> assertThat(error.errorCode().code()).isEqualTo(code));
    }

    @Test
    void keyPairWithMatchingSecretSignsIn() {
        givenKey(CapturedRequest.SECRET, true);

        Caller caller = authenticator(AuthMode.STRICT, Instant.now()).verifyKeyPair(CapturedRequest.ACCESS_KEY_ID,
                CapturedRequest.SECRET, "cn-shanghai", "10.0.0.7", true);

        assertThat(caller.accessKeyId()).isEqualTo(CapturedRequest.ACCESS_KEY_ID);
        assertThat(caller.accountId()).isEqualTo(ACCOUNT_ID);
        assertThat(caller.regionId()).isEqualTo("cn-shanghai");
        assertThat(caller.sourceIp()).isEqualTo("10.0.0.7");
        assertThat(caller.secureTransport()).isTrue();
        assertThat(caller.signed()).isTrue();
    }

    @Test
    void keyPairWithWrongSecretIsRejected() {
        givenKey(CapturedRequest.SECRET, true);
        Authenticator authenticator = authenticator(AuthMode.STRICT, Instant.now());

        for (String secret : List.of(CapturedRequest.SECRET + "x", CapturedRequest.SECRET.substring(1), "")) {
            assertThatThrownBy(() -> authenticator.verifyKeyPair(CapturedRequest.ACCESS_KEY_ID, secret,
                    "cn-hangzhou", "127.0.0.1", false))
                    .isInstanceOfSatisfying(KmsException.class, error -> {
                        assertThat(error.errorCode().code()).isEqualTo("InvalidAccessKeySecret");
                        assertThat(error.getMessage()).doesNotContain(CapturedRequest.SECRET);
                    });
        }
    }

    @Test
    void keyPairOfInactiveKeyIsRejected() {
        givenKey(CapturedRequest.SECRET, false);

        assertThatThrownBy(() -> authenticator(AuthMode.LENIENT, Instant.now()).verifyKeyPair(
                CapturedRequest.ACCESS_KEY_ID, CapturedRequest.SECRET, "cn-hangzhou", "127.0.0.1", false))
                .isInstanceOfSatisfying(KmsException.class,
                        error -> assertThat(error.errorCode().code()).isEqualTo("InvalidAccessKeyId.Inactive"));
    }

    @Test
    void signedInKeyIsCheckedAgain() {
        givenKey(CapturedRequest.SECRET, true);
        Authenticator authenticator = authenticator(AuthMode.STRICT, Instant.now());
        Caller caller = authenticator.callerOfSignedInKey(CapturedRequest.ACCESS_KEY_ID, "cn-hangzhou", "127.0.0.1",
                false);
        givenKey(CapturedRequest.SECRET, false);

        assertThat(caller.isRoot()).isTrue();
        assertThat(caller.signed()).isFalse();
        assertThatThrownBy(() -> authenticator.callerOfSignedInKey(CapturedRequest.ACCESS_KEY_ID, "cn-hangzhou",
                "127.0.0.1", false))
                .isInstanceOfSatisfying(KmsException.class,
                        error -> assertThat(error.errorCode().code()).isEqualTo("InvalidAccessKeyId.Inactive"));
    }

    private void givenKey(String secret, boolean active) {
        when(accounts.findAccessKey(CapturedRequest.ACCESS_KEY_ID)).thenReturn(Optional.of(
                new AccessKeyRecord(CapturedRequest.ACCESS_KEY_ID, secret, ACCOUNT_ID, null, null, active)));
    }

    private Authenticator authenticator(AuthMode mode, Instant now) {
        KmsProperties properties = TestKmsProperties.with(Map.of("auth-mode", mode.name()));
        return new Authenticator(accounts, registry, properties, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static Instant timeOf(CapturedRequest capture) {
        String timestamp = SignatureClaims.read(capture.request()).orElseThrow().timestamp();
        return OffsetDateTime.parse(timestamp).toInstant();
    }

    private static RpcRequest rpc(CapturedRequest capture) {
        SignedRequest request = capture.request();
        return new RpcRequest("test", request.method(), request.queryParameters(), request.formParameters(),
                request.headers(), request.body(), "127.0.0.1", false);
    }

    private static RpcRequest unsignedRequest(List<Map.Entry<String, String>> query) {
        return new RpcRequest("test", "GET", query, List.of(), Map.of("host", "127.0.0.1:8080"), new byte[0],
                "127.0.0.1", false);
    }
}
