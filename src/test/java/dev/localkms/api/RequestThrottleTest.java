package dev.localkms.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import dev.localkms.auth.Caller;
import dev.localkms.config.KmsProperties;
import dev.localkms.error.KmsException;
import dev.localkms.support.TestKmsProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

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
    void actionLimitFromEnvironmentVariable() {
        RequestThrottle throttle = new RequestThrottle(fromEnvironment(Map.of(
                "KMS_THROTTLING_ENABLED", "true", "KMS_THROTTLING_ACTIONQPS_LISTKEYS", "2")));

        throttle.acquire(CALLER, Product.KMS, "ListKeys");
        throttle.acquire(CALLER, Product.KMS, "ListKeys");

        assertThatThrownBy(() -> throttle.acquire(CALLER, Product.KMS, "ListKeys"))
                .isInstanceOf(KmsException.class).hasMessageContaining("more than 2 ListKeys requests");
        assertThatCode(() -> throttle.acquire(CALLER, Product.KMS, "ListAliases")).doesNotThrowAnyException();
    }

    @Test
    void environmentVariableBindsLowerCaseAction() {
        KmsProperties properties = fromEnvironment(Map.of("KMS_THROTTLING_ACTIONQPS_LISTKEYS", "2"));

        assertThat(properties.throttling().actionQps()).containsExactly(Map.entry("listkeys", 2));
    }

    @Test
    void underscoreInsideActionQpsDoesNotBind() {
        KmsProperties properties = fromEnvironment(Map.of("KMS_THROTTLING_ACTION_QPS_LISTKEYS", "2"));

        assertThat(properties.throttling().actionQps()).isEmpty();
    }

    /** Binds the settings from environment variables, as Spring Boot reads them at startup. */
    private static KmsProperties fromEnvironment(Map<String, Object> variables) {
        SystemEnvironmentPropertySource environment = new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables);
        return new Binder(ConfigurationPropertySources.from(environment)).bindOrCreate("kms", KmsProperties.class);
    }

    @Test
    void zeroQpsIsRejectedAtStart() {
        KmsProperties properties = TestKmsProperties.with(Map.of("throttling.enabled", "true", "throttling.qps", "0"));

        assertThatThrownBy(() -> new RequestThrottle(properties))
                .isInstanceOf(IllegalStateException.class).hasMessage("kms.throttling.qps must be at least 1, but it is 0");
    }
}
