package dev.localkms.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.aliyuncs.http.MethodType;
import dev.localkms.sdk.CryptoKmsDriver;
import dev.localkms.sdk.PopCryptoKmsDriver;
import dev.localkms.sdk.SdkError;
import dev.localkms.sdk.TeaCryptoKmsDriver;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Base of the integration tests that use key lifecycle and crypto calls, with one driver per SDK and
 * signing mode. The kms20160120 drivers act in the default region, because that SDK sends no RegionId.
 * The aliyun-java-sdk-kms drivers act in a region of their own per test instance.
 */
public abstract class CryptoIntegrationTest extends IntegrationTest {

    /** An official SDK and the way it signs and sends requests. */
    public enum Sdk {
        TEA_V3,
        TEA_V1,
        POP_POST,
        POP_GET
    }

    private final String popRegion = uniqueRegion();

    /** Returns a driver for {@code sdk}, authenticated as the default account's root. */
    protected CryptoKmsDriver driver(Sdk sdk) {
        return switch (sdk) {
            case TEA_V3 -> new TeaCryptoKmsDriver(port, ROOT_ACCESS_KEY_ID, ROOT_SECRET, false, DEFAULT_REGION);
            case TEA_V1 -> new TeaCryptoKmsDriver(port, ROOT_ACCESS_KEY_ID, ROOT_SECRET, true, DEFAULT_REGION);
            case POP_POST -> popDriver(popRegion, MethodType.POST);
            case POP_GET -> popDriver(popRegion, MethodType.GET);
        };
    }

    /** Returns an aliyun-java-sdk-kms driver acting in {@code regionId}. */
    protected PopCryptoKmsDriver popDriver(String regionId, MethodType method) {
        return new PopCryptoKmsDriver(port, ROOT_ACCESS_KEY_ID, ROOT_SECRET, regionId, method);
    }

    /** Asserts that {@code call} fails with the error {@code code} and HTTP {@code status}. */
    protected static void assertFails(ThrowingCallable call, String code, int status) {
        SdkError error = catchThrowableOfType(SdkError.class, call);
        assertThat(error).as("error reply").isNotNull();
        assertThat(error.code()).as("error code").isEqualTo(code);
        assertThat(error.status()).as("HTTP status of " + code).isEqualTo(status);
    }
}
