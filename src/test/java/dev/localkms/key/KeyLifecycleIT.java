package dev.localkms.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import com.aliyuncs.http.MethodType;
import com.aliyuncs.kms.model.v20160120.ScheduleKeyDeletionRequest;
import com.aliyuncs.kms.model.v20160120.UpdateKeyDescriptionRequest;
import dev.localkms.config.KmsProperties;
import dev.localkms.sdk.CryptoKmsDriver;
import dev.localkms.sdk.CryptoKmsDriver.Encrypted;
import dev.localkms.sdk.KmsDriver.AliasView;
import dev.localkms.sdk.PopCryptoKmsDriver;
import dev.localkms.sdk.SdkError;
import dev.localkms.support.CryptoIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;

/** EnableKey, DisableKey, ScheduleKeyDeletion, CancelKeyDeletion, UpdateKeyDescription and the deletion job. */
class KeyLifecycleIT extends CryptoIntegrationTest {

    private static final String PLAINTEXT = "lifecycle plaintext";

    @Autowired
    private KeyDeletionJob deletionJob;

    @Autowired
    private ScheduledTaskHolder scheduledTasks;

    @Autowired
    private KmsProperties properties;

    @Test
    void deletionJobRunsEveryDeletionInterval() {
        List<Duration> intervals = scheduledTasks.getScheduledTasks().stream()
                .map(ScheduledTask::getTask)
                .filter(task -> task.toString().contains("KeyDeletionJob.deleteExpiredKeys"))
                .map(task -> ((FixedDelayTask) task).getIntervalDuration())
                .toList();

        assertThat(properties.deletionInterval()).as("default kms.deletion-interval").isEqualTo(Duration.ofSeconds(30));
        assertThat(intervals).containsExactly(properties.deletionInterval());
    }

    @ParameterizedTest
    @EnumSource(Sdk.class)
    void disableAndEnableAreIdempotent(Sdk sdk) {
        CryptoKmsDriver kms = driver(sdk);
        String keyId = kms.createKey("lifecycle toggle");

        kms.enableKey(keyId);
        assertThat(kms.describeKey(keyId).keyState()).as("after EnableKey on Enabled").isEqualTo("Enabled");
        kms.disableKey(keyId);
        assertThat(kms.describeKey(keyId).keyState()).as("after DisableKey").isEqualTo("Disabled");
        kms.disableKey(keyId);
        assertThat(kms.describeKey(keyId).keyState()).as("after DisableKey on Disabled").isEqualTo("Disabled");
        kms.enableKey(keyId);
        assertThat(kms.describeKey(keyId).keyState()).as("after EnableKey").isEqualTo("Enabled");
    }

    @ParameterizedTest
    @EnumSource(Sdk.class)
    void scheduleKeyDeletionSetsDeleteDate(Sdk sdk) {
        CryptoKmsDriver kms = driver(sdk);
        String keyId = kms.createKey("lifecycle schedule");
        Instant expected = Instant.now().plus(Duration.ofDays(10));

        kms.scheduleKeyDeletion(keyId, 10);

        assertThat(kms.describeKey(keyId).keyState()).isEqualTo("PendingDeletion");
        assertThat(Instant.parse(kms.deleteDate(keyId))).isCloseTo(expected, within(1, ChronoUnit.MINUTES));
    }

    @ParameterizedTest
    @EnumSource(Sdk.class)
    void cancelKeyDeletionReturnsDisabledKeyToEnabled(Sdk sdk) {
        CryptoKmsDriver kms = driver(sdk);
        String keyId = kms.createKey("lifecycle cancel");
        kms.disableKey(keyId);
        kms.scheduleKeyDeletion(keyId, 7);

        kms.cancelKeyDeletion(keyId);

        assertThat(kms.describeKey(keyId).keyState()).isEqualTo("Enabled");
        assertThat(kms.deleteDate(keyId)).as("DeleteDate after CancelKeyDeletion").isNullOrEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {7, 30, 366})
    void pendingWindowWithinRangeIsAccepted(int days) {
        CryptoKmsDriver kms = driver(Sdk.POP_POST);
        String keyId = kms.createKey("lifecycle window " + days);

        kms.scheduleKeyDeletion(keyId, days);

        assertThat(kms.describeKey(keyId).keyState()).isEqualTo("PendingDeletion");
    }

    @ParameterizedTest
    @ValueSource(strings = {"6", "0", "-7", "367", "seven", "7.5", "99999999999"})
    void pendingWindowOutsideRuleIsInvalidParameter(String days) {
        PopCryptoKmsDriver kms = popDriver(uniqueRegion(), MethodType.POST);
        String keyId = kms.createKey("lifecycle bad window");
        ScheduleKeyDeletionRequest request = new ScheduleKeyDeletionRequest();
        request.setKeyId(keyId);
        request.putQueryParameter("PendingWindowInDays", days);

        assertFails(() -> kms.call(request), "InvalidParameter", 400);
        assertThat(kms.describeKey(keyId).keyState()).isEqualTo("Enabled");
    }

    @Test
    void pendingWindowIsRequired() {
        CryptoKmsDriver kms = driver(Sdk.TEA_V3);
        String keyId = kms.createKey("lifecycle missing window");

        assertFails(() -> kms.scheduleKeyDeletion(keyId, null), "MissingParameter", 400);
    }

    /** The lifecycle actions, each called on one KeyId. */
    enum LifecycleAction {
        ENABLE_KEY(CryptoKmsDriver::enableKey),
        DISABLE_KEY(CryptoKmsDriver::disableKey),
        SCHEDULE_KEY_DELETION((kms, keyId) -> kms.scheduleKeyDeletion(keyId, 7)),
        CANCEL_KEY_DELETION(CryptoKmsDriver::cancelKeyDeletion),
        UPDATE_KEY_DESCRIPTION((kms, keyId) -> kms.updateKeyDescription(keyId, "new description"));

        private final BiConsumer<CryptoKmsDriver, String> call;

        LifecycleAction(BiConsumer<CryptoKmsDriver, String> call) {
            this.call = call;
        }
    }

    @ParameterizedTest
    @EnumSource(LifecycleAction.class)
    void aliasAsKeyIdIsUnsupported(LifecycleAction action) {
        CryptoKmsDriver kms = driver(Sdk.POP_POST);
        String keyId = kms.createKey("lifecycle alias rejected");
        String alias = uniqueAlias("lifecycle");
        kms.createAlias(keyId, alias);

        assertFails(() -> action.call.accept(kms, alias), "Unsupported.Alias", 400);
        assertFails(() -> action.call.accept(kms, aliasArn(kms, alias)), "Unsupported.Alias", 400);
    }

    @ParameterizedTest
    @EnumSource(LifecycleAction.class)
    void keyArnIsAccepted(LifecycleAction action) {
        CryptoKmsDriver kms = driver(Sdk.POP_POST);
        String keyId = kms.createKey("lifecycle by ARN");
        if (action == LifecycleAction.CANCEL_KEY_DELETION) {
            kms.scheduleKeyDeletion(keyId, 7);
        }

        action.call.accept(kms, kms.describeKey(keyId).arn());
    }

    @ParameterizedTest
    @EnumSource(LifecycleAction.class)
    void unknownKeyIsKeyNotFound(LifecycleAction action) {
        CryptoKmsDriver kms = driver(Sdk.TEA_V3);

        assertFails(() -> action.call.accept(kms, UUID.randomUUID().toString()), "Forbidden.KeyNotFound", 404);
    }

    @ParameterizedTest
    @EnumSource(LifecycleAction.class)
    void keyOfAnotherRegionIsKeyNotFound(LifecycleAction action) {
        String keyId = popDriver(uniqueRegion(), MethodType.POST).createKey("lifecycle other region");
        CryptoKmsDriver elsewhere = popDriver(uniqueRegion(), MethodType.POST);

        assertFails(() -> action.call.accept(elsewhere, keyId), "Forbidden.KeyNotFound", 404);
    }

    @ParameterizedTest
    @EnumSource(Sdk.class)
    void updateKeyDescriptionReplacesIt(Sdk sdk) {
        CryptoKmsDriver kms = driver(sdk);
        String keyId = kms.createKey("lifecycle old description");

        kms.updateKeyDescription(keyId, "lifecycle new description");

        assertThat(kms.describeKey(keyId).description()).isEqualTo("lifecycle new description");
    }

    @Test
    void emptyDescriptionClearsIt() {
        PopCryptoKmsDriver kms = popDriver(uniqueRegion(), MethodType.POST);
        String keyId = kms.createKey("lifecycle description to clear");
        UpdateKeyDescriptionRequest request = new UpdateKeyDescriptionRequest();
        request.setKeyId(keyId);
        request.putQueryParameter("Description", "");

        kms.call(request);

        assertThat(kms.describeKey(keyId).description()).isEmpty();
    }

    @Test
    void missingDescriptionIsMissingParameter() {
        CryptoKmsDriver kms = driver(Sdk.TEA_V3);
        String keyId = kms.createKey("lifecycle description kept");

        assertFails(() -> kms.updateKeyDescription(keyId, null), "MissingParameter", 400);
        assertThat(kms.describeKey(keyId).description()).isEqualTo("lifecycle description kept");
    }

    @Test
    void descriptionOfMaximumLengthIsAccepted() {
        CryptoKmsDriver kms = driver(Sdk.POP_POST);
        String keyId = kms.createKey("lifecycle long description");

        kms.updateKeyDescription(keyId, "d".repeat(8192));

        assertThat(kms.describeKey(keyId).description()).hasSize(8192);
    }

    @Test
    void overlongDescriptionIsInvalidParameter() {
        CryptoKmsDriver kms = driver(Sdk.POP_POST);
        String keyId = kms.createKey("lifecycle overlong description");

        assertFails(() -> kms.updateKeyDescription(keyId, "d".repeat(8193)), "InvalidParameter", 400);
    }

    @ParameterizedTest
    @EnumSource(Sdk.class)
    void keyPendingDeletionKeepsAliasesUntilMoved(Sdk sdk) {
        CryptoKmsDriver kms = driver(sdk);
        String keyId = kms.createKey("lifecycle pending key");
        String liveKeyId = kms.createKey("lifecycle live key");
        String alias = uniqueAlias("lifecycle-pending");
        kms.createAlias(keyId, alias);

        kms.scheduleKeyDeletion(keyId, 7);

        assertFails(() -> kms.encrypt(alias, PLAINTEXT, null), "Rejected.PendingDeletion", 409);
        assertFails(() -> kms.createAlias(keyId, uniqueAlias("lifecycle-late")), "Rejected.StateModifiedFailed", 409);
        assertThat(kms.listAliasesByKeyId(keyId, 1, 100).aliases()).extracting(AliasView::aliasName)
                .containsExactly(alias);

        kms.updateAlias(liveKeyId, alias);

        assertThat(kms.encrypt(alias, PLAINTEXT, null).keyId()).as("Encrypt KeyId after UpdateAlias")
                .isEqualTo(liveKeyId);

        kms.cancelKeyDeletion(keyId);

        assertThat(kms.describeKey(keyId).keyState()).isEqualTo("Enabled");
        assertThat(kms.encrypt(keyId, PLAINTEXT, null).keyId()).isEqualTo(keyId);
    }

    @Test
    void updateAliasToKeyPendingDeletionIsRejected() {
        CryptoKmsDriver kms = driver(Sdk.POP_POST);
        String keyId = kms.createKey("lifecycle alias target");
        String pendingKeyId = kms.createKey("lifecycle pending target");
        String alias = uniqueAlias("lifecycle-target");
        kms.createAlias(keyId, alias);
        kms.scheduleKeyDeletion(pendingKeyId, 7);

        assertFails(() -> kms.updateAlias(pendingKeyId, alias), "Rejected.PendingDeletion", 409);
    }

    @Test
    void deletionJobDeletesKeyAndAliasesAfterWindow() {
        PopCryptoKmsDriver kms = popDriver(uniqueRegion(), MethodType.POST);
        String keyId = kms.createKey("lifecycle deleted key");
        String liveKeyId = kms.createKey("lifecycle surviving key");
        String keptAlias = uniqueAlias("lifecycle-kept");
        String movedAlias = uniqueAlias("lifecycle-moved");
        kms.createAlias(keyId, keptAlias);
        kms.createAlias(keyId, movedAlias);
        Encrypted encrypted = kms.encrypt(keyId, PLAINTEXT, null);
        kms.scheduleKeyDeletion(keyId, 7);
        kms.updateAlias(liveKeyId, movedAlias);

        clock.advance(Duration.ofDays(8));
        deletionJob.deleteExpiredKeys();
        clock.reset();

        assertFails(() -> kms.describeKey(keyId), "Forbidden.KeyNotFound", 404);
        assertFails(() -> kms.encrypt(keptAlias, PLAINTEXT, null), "Forbidden.AliasNotFound", 404);
        assertFails(() -> kms.describeKey(keptAlias), "Forbidden.AliasNotFound", 404);
        assertFails(() -> kms.decrypt(encrypted.ciphertextBlob(), null), "Forbidden.KeyNotFound", 404);
        assertFails(() -> kms.cancelKeyDeletion(keyId), "Forbidden.KeyNotFound", 404);
        assertThat(kms.listAliases(1, 100).aliases()).extracting(AliasView::aliasName).containsExactly(movedAlias);
        assertThat(kms.encrypt(movedAlias, PLAINTEXT, null).keyId()).isEqualTo(liveKeyId);
        assertThat(kms.listKeys(1, 100).keyIds()).containsExactly(liveKeyId);
    }

    @Test
    void deletionJobKeepsKeyBeforeWindowEnds() {
        PopCryptoKmsDriver kms = popDriver(uniqueRegion(), MethodType.POST);
        String keyId = kms.createKey("lifecycle early");
        kms.scheduleKeyDeletion(keyId, 7);

        clock.advance(Duration.ofDays(6));
        deletionJob.deleteExpiredKeys();
        clock.reset();

        assertThat(kms.describeKey(keyId).keyState()).isEqualTo("PendingDeletion");
    }

    @Test
    void deletionJobKeepsCancelledKey() {
        PopCryptoKmsDriver kms = popDriver(uniqueRegion(), MethodType.POST);
        String keyId = kms.createKey("lifecycle cancelled");
        kms.scheduleKeyDeletion(keyId, 7);
        kms.cancelKeyDeletion(keyId);

        clock.advance(Duration.ofDays(8));
        deletionJob.deleteExpiredKeys();
        clock.reset();

        assertThat(kms.describeKey(keyId).keyState()).isEqualTo("Enabled");
    }

    @Test
    void concurrentDeletionJobsDeleteAllKeys() throws Exception {
        PopCryptoKmsDriver kms = popDriver(uniqueRegion(), MethodType.POST);
        List<String> keyIds = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String keyId = kms.createKey("lifecycle concurrent job " + i);
            kms.scheduleKeyDeletion(keyId, 7);
            keyIds.add(keyId);
        }

        // The runs race for the same rows. Each must finish without an error, whichever run deletes a key.
        clock.advance(Duration.ofDays(8));
        runConcurrently(4, deletionJob::deleteExpiredKeys);
        clock.reset();

        for (String keyId : keyIds) {
            assertFails(() -> kms.describeKey(keyId), "Forbidden.KeyNotFound", 404);
        }
    }

    @Test
    void concurrentScheduleKeyDeletionSucceedsOnce() throws Exception {
        PopCryptoKmsDriver kms = popDriver(uniqueRegion(), MethodType.POST);
        String keyId = kms.createKey("lifecycle concurrent schedule");
        String regionId = kms.regionId();

        List<String> outcomes = runConcurrently(6, () -> {
            try {
                popDriver(regionId, MethodType.POST).scheduleKeyDeletion(keyId, 7);
                return "Success";
            } catch (SdkError e) {
                return e.code();
            }
        });

        assertThat(outcomes).filteredOn("Success"::equals).hasSize(1);
        assertThat(outcomes).filteredOn(outcome -> !outcome.equals("Success"))
                .containsOnly("Rejected.StateModifiedFailed");
    }

    private static <T> List<T> runConcurrently(int count, Callable<T> task) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(count);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(executor.submit(task));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            executor.shutdownNow();
        }
    }

    private static String aliasArn(CryptoKmsDriver kms, String alias) {
        return "acs:kms:%s:%s:%s".formatted(kms.regionId(), ACCOUNT_ID, alias);
    }
}
