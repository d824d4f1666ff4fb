package dev.localkms.auth.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.localkms.error.ErrorCode;
import dev.localkms.error.KmsException;

/** Verifies the signatures of requests that the official Java SDKs sent, as captured on the wire. */
class CapturedSignaturesTest {

    /** Algorithm of kms20160120's opt-in V4 signature, which the service does not verify. */
    private static final String ACS4 = "ACS4-HMAC-SHA256";

    private static final List<CapturedRequest> CAPTURES = CapturedRequest.readAll();

    /**
     * A capture with one change that its signature covers.
     *
     * @param description what changed, for test names
     */
    record Tampering(CapturedRequest capture, String description, UnaryOperator<SignedRequest> change) {

        @Override
        public String toString() {
            return capture + ": " + description;
        }
    }

    static Stream<CapturedRequest> supportedCaptures() {
        return CAPTURES.stream().filter(capture -> !ACS4.equals(capture.authorizationAlgorithm()));
    }

    static Stream<CapturedRequest> acs4Captures() {
        return CAPTURES.stream().filter(capture -> ACS4.equals(capture.authorizationAlgorithm()));
    }

    static Stream<Tampering> tamperings() {
        return supportedCaptures().flatMap(capture -> tamperingsOf(capture).stream());
    }

    @Test
    void capturesCoverBothSchemesAndAcs4() {
        List<SignatureScheme> schemes = supportedCaptures()
                .map(capture -> SignatureClaims.read(capture.request()).orElseThrow().scheme())
                .distinct()
                .toList();

        assertThat(schemes).containsExactlyInAnyOrder(SignatureScheme.values());
        assertThat(acs4Captures()).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("supportedCaptures")
    void capturedSignatureVerifies(CapturedRequest capture) {
        SignatureClaim claim = SignatureClaims.read(capture.request()).orElseThrow();

        SignatureVerifier.Verification verification =
                SignatureVerifier.verify(capture.request(), claim, CapturedRequest.SECRET);

        assertThat(verification.matched()).as(verification.serverStringToSign()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("supportedCaptures")
    void capturedClaimNamesAccessKey(CapturedRequest capture) {
        SignatureClaim claim = SignatureClaims.read(capture.request()).orElseThrow();

        assertThat(claim.accessKeyId()).isEqualTo(CapturedRequest.ACCESS_KEY_ID);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("supportedCaptures")
    void capturedClaimHasTimestampAndNonce(CapturedRequest capture) {
        SignatureClaim claim = SignatureClaims.read(capture.request()).orElseThrow();

        assertThat(claim.timestamp()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        assertThat(claim.nonce()).isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("supportedCaptures")
    void unsignedHeaderChangeStillVerifies(CapturedRequest capture) {
        SignedRequest changed = withHeader(capture.request(), "user-agent", "changed-agent");
        SignatureClaim claim = SignatureClaims.read(changed).orElseThrow();

        assertThat(SignatureVerifier.verify(changed, claim, CapturedRequest.SECRET).matched()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acs4Captures")
    void acs4IsUnsupported(CapturedRequest capture) {
        assertThatThrownBy(() -> SignatureClaims.read(capture.request()))
                .isInstanceOfSatisfying(KmsException.class, error -> {
                    assertThat(error.errorCode()).isEqualTo(ErrorCode.INCOMPLETE_SIGNATURE);
                    assertThat(error.getMessage()).contains(ACS4);
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tamperings")
    void tamperedCaptureFailsVerification(Tampering tampering) {
        SignedRequest tampered = tampering.change().apply(tampering.capture().request());

        assertThat(verifies(tampered)).isFalse();
    }

    /**
     * Returns whether the request passes both the claim check and the signature check. A changed
     * {@code SignatureMethod} or {@code SignatureVersion} fails the claim check with {@code IncompleteSignature}.
     */
    private static boolean verifies(SignedRequest request) {
        SignatureClaim claim;
        try {
            claim = SignatureClaims.read(request).orElseThrow();
        } catch (KmsException e) {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.INCOMPLETE_SIGNATURE);
            return false;
        }
        return SignatureVerifier.verify(request, claim, CapturedRequest.SECRET).matched();
    }

    /**
     * Lists one change per signed parameter and header, one to the body when it is signed, and one to
     * the signature.
     */
    private static List<Tampering> tamperingsOf(CapturedRequest capture) {
        SignedRequest request = capture.request();
        SignatureClaim claim = SignatureClaims.read(request).orElseThrow();
        List<Tampering> tamperings = new ArrayList<>();

        for (int i = 0; i < request.queryParameters().size(); i++) {
            String name = request.queryParameters().get(i).getKey();
            if (!name.equals(RpcV1Signature.SIGNATURE_PARAMETER)) {
                int index = i;
                tamperings.add(new Tampering(capture, "query parameter " + name,
                        r -> withQueryValue(r, index, changeCharacter(r.queryParameters().get(index).getValue()))));
            }
        }
        for (int i = 0; i < request.formParameters().size(); i++) {
            String name = request.formParameters().get(i).getKey();
            if (!name.equals(RpcV1Signature.SIGNATURE_PARAMETER)) {
                int index = i;
                tamperings.add(new Tampering(capture, "form parameter " + name,
                        r -> withFormValue(r, index, changeCharacter(r.formParameters().get(index).getValue()))));
            }
        }
        for (String header : claim.signedHeaders()) {
            tamperings.add(new Tampering(capture, "header " + header,
                    r -> withHeader(r, header, changeCharacter(r.header(header).orElse("")))));
        }
        if (claim.scheme() == SignatureScheme.ACS3_HMAC_SHA256) {
            tamperings.add(new Tampering(capture, "body", CapturedSignaturesTest::withChangedBody));
        }
        tamperings.add(new Tampering(capture, "signature", r -> withChangedSignature(r, claim)));
        return tamperings;
    }

    /** Replaces the last character, or adds one to an empty value. */
    private static String changeCharacter(String value) {
        if (value.isEmpty()) {
            return "a";
        }
        char last = value.charAt(value.length() - 1);
        return value.substring(0, value.length() - 1) + (last == 'a' ? 'b' : 'a');
    }

    private static SignedRequest withQueryValue(SignedRequest request, int index, String value) {
        List<Map.Entry<String, String>> query = new ArrayList<>(request.queryParameters());
        query.set(index, Map.entry(query.get(index).getKey(), value));
        return new SignedRequest(request.method(), query, request.formParameters(), request.headers(), request.body());
    }

    private static SignedRequest withFormValue(SignedRequest request, int index, String value) {
        List<Map.Entry<String, String>> form = new ArrayList<>(request.formParameters());
        form.set(index, Map.entry(form.get(index).getKey(), value));
        return new SignedRequest(request.method(), request.queryParameters(), form, request.headers(), request.body());
    }

    private static SignedRequest withHeader(SignedRequest request, String name, String value) {
        Map<String, String> headers = new LinkedHashMap<>(request.headers());
        headers.put(name, value);
        return new SignedRequest(
                request.method(), request.queryParameters(), request.formParameters(), headers, request.body());
    }

    /** Flips the lowest bit of the first byte, or adds a byte to an empty body. */
    private static SignedRequest withChangedBody(SignedRequest request) {
        byte[] body = request.body();
        if (body.length == 0) {
            body = new byte[] {'a'};
        } else {
            body[0] ^= 1;
        }
        return new SignedRequest(
                request.method(), request.queryParameters(), request.formParameters(), request.headers(), body);
    }

    /** Changes one character of the signature where the request carries it. */
    private static SignedRequest withChangedSignature(SignedRequest request, SignatureClaim claim) {
        String changed = changeCharacter(claim.signature());
        if (claim.scheme() == SignatureScheme.RPC_V1) {
            int index = indexOfSignature(request.queryParameters());
            return index >= 0
                    ? withQueryValue(request, index, changed)
                    : withFormValue(request, indexOfSignature(request.formParameters()), changed);
        }
        String authorization = request.header("authorization").orElseThrow()
                .replace("Signature=" + claim.signature(), "Signature=" + changed);
        return withHeader(request, "authorization", authorization);
    }

    private static int indexOfSignature(List<Map.Entry<String, String>> parameters) {
        for (int i = 0; i < parameters.size(); i++) {
            if (parameters.get(i).getKey().equals(RpcV1Signature.SIGNATURE_PARAMETER)) {
                return i;
            }
        }
        return -1;
    }
}
