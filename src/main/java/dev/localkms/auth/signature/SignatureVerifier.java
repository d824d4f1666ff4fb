package dev.localkms.auth.signature;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;

/** Checks a request's signature against the one computed with the signer's access key secret. */
public final class SignatureVerifier {

    /**
     * Outcome of a verification.
     *
     * @param matched whether the claimed signature equals the computed one
     * @param serverStringToSign string to sign that the service computed, which Alibaba's
     *     {@code SignatureDoesNotMatch} message returns so that clients can compare it with theirs
     */
    public record Verification(boolean matched, String serverStringToSign) {
    }

    private SignatureVerifier() {
    }

    /**
     * Verifies the claim against the request, signing with {@code secret}.
     *
     * <p>A V1 request is first checked with empty-valued parameters signed as {@code name=}, then
     * with them left out, because clients differ on this. When neither matches, the result carries
     * the first string to sign.
     */
    public static Verification verify(SignedRequest request, SignatureClaim claim, String secret) {
        return switch (claim.scheme()) {
            case RPC_V1 -> verifyRpcV1(request, claim, secret);
            case ACS3_HMAC_SHA256 -> verifyAcs3(request, claim, secret);
        };
    }

    private static Verification verifyRpcV1(SignedRequest request, SignatureClaim claim, String secret) {
        List<Map.Entry<String, String>> parameters = request.queryAndFormParameters();
        String withEmptyValues = RpcV1Signature.stringToSign(request.method(), parameters, true);
        if (matches(RpcV1Signature.sign(withEmptyValues, secret), claim.signature())) {
            return new Verification(true, withEmptyValues);
        }

        String withoutEmptyValues = RpcV1Signature.stringToSign(request.method(), parameters, false);
        boolean matched = !withoutEmptyValues.equals(withEmptyValues)
                && matches(RpcV1Signature.sign(withoutEmptyValues, secret), claim.signature());
        return new Verification(matched, matched ? withoutEmptyValues : withEmptyValues);
    }

    private static Verification verifyAcs3(SignedRequest request, SignatureClaim claim, String secret) {
        String canonicalRequest = Acs3Signature.canonicalRequest(request, claim.signedHeaders());
        String stringToSign = Acs3Signature.stringToSign(canonicalRequest);
        return new Verification(matches(Acs3Signature.sign(stringToSign, secret), claim.signature()), stringToSign);
    }

    /** Compares in time that does not depend on where the signatures differ. */
    private static boolean matches(String computed, String claimed) {
        return MessageDigest.isEqual(
                computed.getBytes(StandardCharsets.UTF_8), claimed.getBytes(StandardCharsets.UTF_8));
    }
}
