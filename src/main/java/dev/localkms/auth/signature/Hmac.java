package dev.localkms.auth.signature;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC of UTF-8 text with the JDK's {@code Mac}. */
final class Hmac {

    private Hmac() {
    }

    /**
     * Computes the HMAC of the UTF-8 bytes of {@code text}.
     *
     * @param algorithm JCA name, {@code HmacSHA1} or {@code HmacSHA256}, which every Java runtime provides
     */
    static byte[] compute(String algorithm, byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The Java runtime cannot compute " + algorithm, e);
        }
    }
}
