package dev.localkms.api;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.localkms.auth.Caller;
import dev.localkms.config.KmsProperties;
import dev.localkms.error.ErrorCode;
import dev.localkms.error.KmsException;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import org.springframework.stereotype.Component;

/**
 * Limits the requests per second of each account and action, as Alibaba's gateway does, so that
 * applications can test their retry logic. Off unless {@code kms.throttling.enabled} is set. The
 * counts live in this process, so each instance behind a load balancer allows the full rate.
 */
@Component
class RequestThrottle {

    private final boolean enabled;
    private final int defaultQps;
    private final Map<String, Integer> actionQps;
    private final RateLimiterRegistry limiters = RateLimiterRegistry.ofDefaults();

    RequestThrottle(KmsProperties properties) {
        KmsProperties.Throttling throttling = properties.throttling();
        this.enabled = throttling.enabled();
        this.defaultQps = throttling.qps();
        // Environment variables bind map keys in lower case, so action names are compared that way.
        this.actionQps = throttling.actionQps().entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(entry -> entry.getKey().toLowerCase(Locale.ROOT),
                        Map.Entry::getValue, (first, second) -> second));
        if (enabled) {
            checkPositive("kms.throttling.qps", defaultQps);
            this.actionQps.forEach((action, qps) -> checkPositive("kms.throttling.action-qps." + action, qps));
        }
    }

    /**
     * Takes one permit for the caller's account and the action.
     *
     * @throws KmsException {@code Rejected.Throttling} (429) when the account has used up this second's
     *         permits for the action
     */
    void acquire(Caller caller, Product product, String action) {
        if (!enabled) {
            return;
        }
        int qps = actionQps.getOrDefault(action.toLowerCase(Locale.ROOT), defaultQps);
        String name = caller.accountId() + "/" + product.productName() + "/" + action;
        RateLimiter limiter = limiters.rateLimiter(name, () -> RateLimiterConfig.custom()
                .limitForPeriod(qps)
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(Duration.ZERO)
                .build());
        if (!limiter.acquirePermission()) {
            throw KmsException.withMessage(ErrorCode.THROTTLING,
                    "QPS Limit Exceeded: account %s sent more than %d %s requests in one second (kms.throttling)."
                            .formatted(caller.accountId(), qps, action));
        }
    }

    private static void checkPositive(String setting, int qps) {
        if (qps < 1) {
            throw new IllegalStateException("%s must be at least 1, but it is %d".formatted(setting, qps));
        }
    }
}
