package dev.localkms.support;

import org.springframework.test.context.TestPropertySource;

/**
 * Base of the integration tests that run the service in strict auth mode, with the request log on and
 * an admin token. Every subclass shares one Spring context.
 */
@TestPropertySource(properties = {"kms.auth-mode=strict", "kms.request-log=true",
        "kms.admin-token=" + StrictIntegrationTest.ADMIN_TOKEN})
public abstract class StrictIntegrationTest extends IntegrationTest {

    protected static final String ADMIN_TOKEN = "test-admin-token-1234";
}
