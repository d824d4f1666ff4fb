package dev.localkms.auth.signature;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.localkms.error.ErrorCode;
import dev.localkms.error.KmsException;

/** Reads the signature claim of a request: V1 from its parameters, V3 from its {@code Authorization} header. */
public final class SignatureClaims {

    private static final String CREDENTIAL = "Credential";
    private static final String SIGNED_HEADERS = "SignedHeaders";
    private static final String SIGNATURE = "Signature";
    private static final List<String> AUTHORIZATION_PARTS = List.of(CREDENTIAL, SIGNED_HEADERS, SIGNATURE);

    private SignatureClaims() {
    }

    /**
     * Reads what the request claims about its signature.
     *
     * <p>An {@code Authorization} header makes it a V3 request, even if a {@code Signature} parameter
     * is present too. Otherwise a {@code Signature} parameter makes it a V1 request.
     *
     * @return the claim, or empty when the request carries no signature at all
     * @throws KmsException {@code IncompleteSignature} when the {@code Authorization} header is
     *     malformed or names an algorithm other than {@code ACS3-HMAC-SHA256}, or when a V1 request has
     *     an empty {@code Signature}, no {@code AccessKeyId}, or a {@code SignatureMethod} or
     *     {@code SignatureVersion} other than {@code HMAC-SHA1} and {@code 1.0}
     */
    public static Optional<SignatureClaim> read(SignedRequest request) {
        Optional<String> authorization = request.header("authorization").filter(value -> !value.isBlank());
        if (authorization.isPresent()) {
            return Optional.of(readAcs3(request, authorization.get().strip()));
        }
        return request.parameter(RpcV1Signature.SIGNATURE_PARAMETER).map(signature -> readRpcV1(request, signature));
    }

    private static SignatureClaim readRpcV1(SignedRequest request, String signature) {
        if (signature.isEmpty()) {
            throw incomplete("The Signature parameter is empty.");
        }
        String accessKeyId = request.parameter("AccessKeyId")
                .filter(value -> !value.isEmpty())
                .orElseThrow(() -> incomplete("The request has a Signature parameter but no AccessKeyId parameter."));
        requireParameterValue(request, "SignatureMethod", RpcV1Signature.SIGNATURE_METHOD);
        requireParameterValue(request, "SignatureVersion", RpcV1Signature.SIGNATURE_VERSION);
        return new SignatureClaim(
                SignatureScheme.RPC_V1,
                accessKeyId,
                signature,
                request.parameter("Timestamp").orElse(null),
                request.parameter("SignatureNonce").orElse(null),
                List.of());
    }

    /**
     * Rejects a V1 parameter that names another signature method or version than the one this service
     * verifies. A request without the parameter is checked as {@code HMAC-SHA1} version {@code 1.0}.
     */
    private static void requireParameterValue(SignedRequest request, String name, String supported) {
        request.parameter(name)
                .filter(value -> !value.equals(supported))
                .ifPresent(value -> {
                    throw incomplete("The parameter \"%s\" is \"%s\", but this service supports only \"%s\"."
                            .formatted(name, value, supported));
                });
    }

    private static SignatureClaim readAcs3(SignedRequest request, String authorization) {
        String[] algorithmAndParts = authorization.split("\\s+", 2);
        String algorithm = algorithmAndParts[0];
        if (!algorithm.equals(Acs3Signature.ALGORITHM)) {
            throw unsupportedAlgorithm(algorithm);
        }
        if (algorithmAndParts.length < 2) {
            throw incomplete("The Authorization header has no Credential, SignedHeaders or Signature.");
        }

        Map<String, String> parts = parseParts(algorithmAndParts[1]);
        String accessKeyId = requirePart(parts, CREDENTIAL);
        String signature = requirePart(parts, SIGNATURE);
        List<String> signedHeaders = parts.containsKey(SIGNED_HEADERS)
                ? parseSignedHeaders(parts.get(SIGNED_HEADERS))
                : Acs3Signature.defaultSignedHeaders(request.headers());

        requireAcsHeadersSigned(request, signedHeaders);
        return new SignatureClaim(
                SignatureScheme.ACS3_HMAC_SHA256,
                accessKeyId,
                signature,
                request.header("x-acs-date").orElse(null),
                request.header("x-acs-signature-nonce").orElse(null),
                signedHeaders);
    }

    /**
     * Rejects a request with an {@code x-acs-*} header left out of its signed headers, because the
     * signature would then not bind the action, version, date or nonce that the service acts on.
     * The official SDKs sign all of them. {@code host} is not required, because the legacy Java
     * core's V3 composer (aliyun-java-sdk-core 4.7) signs {@code content-type} but not {@code host}.
     */
    private static void requireAcsHeadersSigned(SignedRequest request, List<String> signedHeaders) {
        request.headers().keySet().stream()
                .map(name -> name.toLowerCase(Locale.ROOT))
                .filter(name -> name.startsWith("x-acs-") && !signedHeaders.contains(name))
                .sorted()
                .findFirst()
                .ifPresent(name -> {
                    throw incomplete("The header \"" + name + "\" is not in the SignedHeaders of the"
                            + " Authorization header. Sign every x-acs-* header that the request sends.");
                });
    }

    /** Splits {@code Name=value,Name=value} into a map, rejecting unknown, repeated and unnamed parts. */
    private static Map<String, String> parseParts(String text) {
        Map<String, String> parts = new HashMap<>();
        for (String part : text.split(",", -1)) {
            int equals = part.indexOf('=');
            if (equals < 0) {
                throw incomplete("An Authorization header part is not written as Name=value.");
            }
            String name = part.substring(0, equals).strip();
            if (!AUTHORIZATION_PARTS.contains(name)) {
                throw incomplete("The Authorization header has an unknown part. Expected only "
                        + String.join(", ", AUTHORIZATION_PARTS) + ".");
            }
            if (parts.put(name, part.substring(equals + 1).strip()) != null) {
                throw incomplete("The Authorization header has " + name + " more than once.");
            }
        }
        return parts;
    }

    private static String requirePart(Map<String, String> parts, String name) {
        String value = parts.get(name);
        if (value == null || value.isEmpty()) {
            throw incomplete("The Authorization header has no " + name + ".");
        }
        return value;
    }

    private static List<String> parseSignedHeaders(String text) {
        List<String> names = Arrays.stream(text.split(";", -1))
                .map(name -> name.strip().toLowerCase(Locale.ROOT))
                .toList();
        if (names.contains("")) {
            throw incomplete("The SignedHeaders of the Authorization header has an empty header name.");
        }
        return names;
    }

    private static KmsException unsupportedAlgorithm(String algorithm) {
        // Only an ACS algorithm name is echoed back, because another scheme's first word could be a credential.
        String named = algorithm.startsWith("ACS") ? "\"" + algorithm + "\"" : "an algorithm";
        return incomplete("The Authorization header uses " + named + " that this service does not verify."
                + " Sign with " + Acs3Signature.ALGORITHM + " or with the RPC signature (HMAC-SHA1).");
    }

    private static KmsException incomplete(String reason) {
        return KmsException.withMessage(ErrorCode.INCOMPLETE_SIGNATURE,
                ErrorCode.INCOMPLETE_SIGNATURE.messageTemplate() + " " + reason);
    }
}
