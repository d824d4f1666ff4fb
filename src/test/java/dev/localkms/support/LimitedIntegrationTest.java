package dev.localkms.support;

import org.springframework.test.context.TestPropertySource;

/**
 * Base of the integration tests that need the seed file's accounts with throttling on (ListKeys at
 * {@value #LIST_KEYS_QPS} requests per second, other actions at 1000), a one-second Tomcat
 * connection timeout and a three-second body read timeout. Every subclass shares one Spring context.
 */
@TestPropertySource(properties = {"kms.throttling.enabled=true", "kms.throttling.qps=1000",
        "kms.throttling.action-qps.ListKeys=" + LimitedIntegrationTest.LIST_KEYS_QPS,
        "server.tomcat.connection-timeout=1s", "kms.limits.body-read-timeout=3s"})
public abstract class LimitedIntegrationTest extends SeededIntegrationTest {

    protected static final int LIST_KEYS_QPS = 3;
}
