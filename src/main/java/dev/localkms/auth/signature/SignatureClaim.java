package dev.localkms.auth.signature;

import java.util.List;

/**
 * Signer, time, nonce and signature that a signed request states about itself.
 *
 * @param scheme signature scheme of the request
 * @param accessKeyId access key ID that the request names as its signer
 * @param signature signature as sent: Base64 for {@link SignatureScheme#RPC_V1}, hex for
 *     {@link SignatureScheme#ACS3_HMAC_SHA256}
 * @param timestamp raw {@code Timestamp} parameter (V1) or {@code x-acs-date} header (V3), not yet
 *     parsed; {@code null} when the request has none
 * @param nonce {@code SignatureNonce} parameter (V1) or {@code x-acs-signature-nonce} header (V3);
 *     {@code null} when the request has none
 * @param signedHeaders lower-cased names of the headers covered by a V3 signature, in signing order;
 *     empty for V1, which signs no headers
 */
public record SignatureClaim(
        SignatureScheme scheme,
        String accessKeyId,
        String signature,
        String timestamp,
        String nonce,
        List<String> signedHeaders) {

    public SignatureClaim {
        signedHeaders = signedHeaders == null ? List.of() : List.copyOf(signedHeaders);
    }

    /** Describes the claim without the signature, so that it can be logged. */
    @Override
    public String toString() {
        return "SignatureClaim[scheme=%s, accessKeyId=%s, timestamp=%s, nonce=%s, signedHeaders=%s]".formatted(
                scheme, accessKeyId, timestamp, nonce, signedHeaders);
    }
}
