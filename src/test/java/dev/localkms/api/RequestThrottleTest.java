package dev.localkms.api;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import dev.localkms.auth.Caller;
import dev.localkms.config.KmsProperties;
import dev.localkms.error.KmsException;
import dev.localkms.support.TestKmsProperties;
import org.junit.jupiter.api.Test;

class RequestThrottleTest {

    private static final Caller CALLER = new Caller("1234567890123456", "cn-hangzhou", Caller.PrincipalType.ROOT,
            "1234567890123456", null, "LTAI5tLocalKmsRootKey00", true, "127.0.0.1", false);

    @Test
    void offByDefault() {
        RequestThrottle throttle = new RequestThrottle(TestKmsProperties.with(Map.of()));

        assertThatCode(() -> {
            for (int i = 0; i < 10_000; i++) {
                throttle.acquire(CALLER, Product.KMS, "ListKeys");
            }
        }).doesNotThrowAnyException();
    }

    @Test
    void actionLimitIgnoresCase() {
        RequestThrottle throttle = new RequestThrottle(TestKmsProperties.with(
                Map.of("throttling.enabled", "true", "throttling.action-qps.listkeys", "1")));

        throttle.acquire(CALLER, Product.KMS, "ListKeys");

        assertThatThrownBy(() -> throttle.acquire(CALLER, Product.KMS, "ListKeys"))
                .isInstanceOf(KmsException.class).hasMessageContaining("QPS Limit Exceeded");
    }

    @Test
    void zeroQpsIsRejectedAtStart() {
        KmsProperties properties = TestKmsProperties.with(Map.of("throttling.enabled", "true", "throttling.qps", "0"));

        assertThatThrownBy(() -> new RequestThrottle(properties))
                .isInstanceOf(IllegalStateException.class).hasMessage("kms.throttling.qps must be at least 1, but it is 0");
    }
}
