package dev.localkms.auth.signature;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** RPC signature version 1.0 (HMAC-SHA1) over the query and form parameters of a request. */
public final class RpcV1Signature {

    /** Name of the parameter that carries the signature, and so is left out of what is signed. */
    public static final String SIGNATURE_PARAMETER = "Signature";

    /** Value of the {@code SignatureMethod} parameter, the only one this service verifies. */
    public static final String SIGNATURE_METHOD = "HMAC-SHA1";

    /** Value of the {@code SignatureVersion} parameter, the only one this service verifies. */
    public static final String SIGNATURE_VERSION = "1.0";

    private RpcV1Signature() {
    }

    /**
     * Builds the string to sign: {@code METHOD&%2F&} followed by the encoded canonical query.
     *
     * <p>The canonical query contains every parameter but {@code Signature}, sorted by name, with names
     * and values percent-encoded. Clients disagree on parameters with an empty value: some sign them
     * as {@code name=}, others leave them out, which {@code includeEmptyValues = false} reproduces.
     *
     * @param method HTTP method as received
     * @param parameters decoded query and form parameters
     * @param includeEmptyValues whether parameters with an empty value are signed as {@code name=}
     */
    public static String stringToSign(
            String method, List<Map.Entry<String, String>> parameters, boolean includeEmptyValues) {
        List<Map.Entry<String, String>> signed = parameters.stream()
                .filter(parameter -> !parameter.getKey().equals(SIGNATURE_PARAMETER))
                .filter(parameter -> includeEmptyValues || !parameter.getValue().isEmpty())
                .toList();
        String canonicalQuery = PercentEncoding.canonicalQuery(signed);
        return method + "&" + PercentEncoding.encode("/") + "&" + PercentEncoding.encode(canonicalQuery);
    }

    /** Signs the string with the access key secret: Base64 of HMAC-SHA1 keyed by the secret followed by {@code &}. */
    public static String sign(String stringToSign, String secret) {
        byte[] mac = Hmac.compute("HmacSHA1", (secret + "&").getBytes(StandardCharsets.UTF_8), stringToSign);
        return Base64.getEncoder().encodeToString(mac);
    }
}
