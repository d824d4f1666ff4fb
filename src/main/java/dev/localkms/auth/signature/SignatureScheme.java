package dev.localkms.auth.signature;

/** Alibaba Cloud request signature schemes that the service verifies. */
public enum SignatureScheme {

    /** RPC signature version 1.0: Base64 HMAC-SHA1 sent in the {@code Signature} parameter. */
    RPC_V1,

    /** V3 signature: hex HMAC-SHA256 sent in an {@code Authorization: ACS3-HMAC-SHA256 ...} header. */
    ACS3_HMAC_SHA256
}
