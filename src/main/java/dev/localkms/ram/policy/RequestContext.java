package dev.localkms.ram.policy;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Facts about a request that policy conditions can test.
 *
 * @param sourceIp        the caller's IP address, or null if unknown
 * @param currentTime     the time the request is evaluated at
 * @param secureTransport true if the request came over HTTPS
 */
public record RequestContext(String sourceIp, Instant currentTime, boolean secureTransport) {

    public static final String SOURCE_IP = "acs:SourceIp";
    public static final String CURRENT_TIME = "acs:CurrentTime";
    public static final String SECURE_TRANSPORT = "acs:SecureTransport";

    /**
     * Returns the request's value of a condition key as text, or empty for a key this context does
     * not provide. Keys are compared case-insensitively, so {@code acs:sourceip} names the source IP.
     */
    public Optional<String> conditionValue(String key) {
        String normalizedKey = key.toLowerCase(Locale.ROOT);
        if (normalizedKey.equals(SOURCE_IP.toLowerCase(Locale.ROOT))) {
            return Optional.ofNullable(sourceIp);
        }
        if (normalizedKey.equals(CURRENT_TIME.toLowerCase(Locale.ROOT))) {
            return Optional.ofNullable(currentTime).map(Instant::toString);
        }
        if (normalizedKey.equals(SECURE_TRANSPORT.toLowerCase(Locale.ROOT))) {
            return Optional.of(Boolean.toString(secureTransport));
        }
        return Optional.empty();
    }
}
