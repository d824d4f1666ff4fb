package dev.localkms.support;

import java.util.UUID;

import com.aliyuncs.http.MethodType;
import dev.localkms.sdk.PopKmsDriver;
import dev.localkms.sdk.TeaKmsDriver;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * Base of the integration tests: the whole service on a random port with the default settings, shared
 * by every subclass through Spring's context cache. Each test makes its own unique names.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({TestClockConfiguration.class, SecretRecordingConfiguration.class})
public abstract class IntegrationTest {

    /** The default account, as configured in the service's defaults. */
    protected static final String ACCOUNT_ID = "1234567890123456";
    protected static final String ROOT_ACCESS_KEY_ID = "LTAI5tLocalKmsRootKey00";
    protected static final String ROOT_SECRET = "LocalKmsRootSecret000000000000";
    protected static final String DEFAULT_REGION = "cn-hangzhou";

    @LocalServerPort
    protected int port;

    @Autowired
    protected MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** Returns a name that no other test uses, such as {@code alias/it-3f2a...}. */
    protected static String uniqueAlias(String prefix) {
        return "alias/" + prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
    }

    /** Returns a region name of its own, so that quota and list counts are not shared with other tests. */
    protected static String uniqueRegion() {
        return "it-" + UUID.randomUUID().toString().substring(0, 8) + "-1";
    }

    protected TeaKmsDriver teaV3() {
        return new TeaKmsDriver(port, ROOT_ACCESS_KEY_ID, ROOT_SECRET, false, DEFAULT_REGION);
    }

    protected TeaKmsDriver teaV1() {
        return new TeaKmsDriver(port, ROOT_ACCESS_KEY_ID, ROOT_SECRET, true, DEFAULT_REGION);
    }

    protected PopKmsDriver pop(String regionId, MethodType method) {
        return new PopKmsDriver(port, ROOT_ACCESS_KEY_ID, ROOT_SECRET, regionId, method);
    }
}
