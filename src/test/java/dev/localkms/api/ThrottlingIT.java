package dev.localkms.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.aliyuncs.http.MethodType;
import dev.localkms.sdk.KmsDriver;
import dev.localkms.sdk.PopKmsDriver;
import dev.localkms.sdk.SdkError;
import dev.localkms.sdk.TeaKmsDriver;
import dev.localkms.support.LimitedIntegrationTest;
import org.junit.jupiter.api.Test;

/** Requests over an account's per-action rate get 429 Rejected.Throttling, as the official SDKs see it. */
class ThrottlingIT extends LimitedIntegrationTest {

    private static final int BURST = 12;

    @Test
    void burstOverLimitIsThrottled() throws Exception {
        pauseForFreshPermits();
        List<SdkError> errors = burst(teaV3());

        // A slow machine may spread the burst over several seconds, each with fresh permits.
        assertThat(errors).hasSizeBetween(1, BURST - LIST_KEYS_QPS);
        SdkError error = errors.get(0);
        assertThat(error.code()).isEqualTo("Rejected.Throttling");
        assertThat(error.status()).isEqualTo(429);
        assertThat(error.getMessage()).contains("QPS Limit Exceeded")
                .contains("more than " + LIST_KEYS_QPS + " ListKeys requests in one second");
    }

    @Test
    void legacySdkSeesThrottling() throws Exception {
        pauseForFreshPermits();
        List<SdkError> errors = burst(new PopKmsDriver(port, ACCOUNT_B_ROOT_ACCESS_KEY_ID, ACCOUNT_B_ROOT_SECRET,
                DEFAULT_REGION, MethodType.POST));

        assertThat(errors).isNotEmpty();
        assertThat(errors.get(0).code()).isEqualTo("Rejected.Throttling");
        assertThat(errors.get(0).status()).isEqualTo(429);
    }

    @Test
    void otherAccountsAndActionsAreNotThrottled() throws Exception {
        pauseForFreshPermits();
        TeaKmsDriver accountA = teaV3();
        assertThat(burst(accountA)).isNotEmpty();

        TeaKmsDriver accountB = new TeaKmsDriver(port, ACCOUNT_B_ROOT_ACCESS_KEY_ID, ACCOUNT_B_ROOT_SECRET, false,
                DEFAULT_REGION);
        assertThat(accountB.listKeys(1, 10).keyIds()).isNotEmpty();
        assertThat(accountA.listAliases(1, 10).aliases()).isNotEmpty();
    }

    @Test
    void permitsReturnAfterOneSecond() throws Exception {
        pauseForFreshPermits();
        TeaKmsDriver kms = teaV3();
        assertThat(burst(kms)).isNotEmpty();

        Thread.sleep(1100);

        assertThat(kms.listKeys(1, 10).keyIds()).isNotEmpty();
    }

    /** Calls ListKeys {@value #BURST} times at once and returns the errors in order. */
    private static List<SdkError> burst(KmsDriver kms) {
        List<SdkError> errors = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            try {
                kms.listKeys(1, 10);
            } catch (SdkError e) {
                errors.add(e);
            }
        }
        return errors;
    }

    /** Waits until the previous test's throttled second has passed. */
    private static void pauseForFreshPermits() throws InterruptedException {
        Thread.sleep(1100);
    }
}
