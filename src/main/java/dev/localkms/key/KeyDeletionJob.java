package dev.localkms.key;

import java.time.Clock;
import java.time.Instant;

import dev.localkms.common.WireDates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes keys whose pending deletion window has ended, every {@code kms.deletion-interval}.
 *
 * <p>The database deletes the key's versions and aliases with it (ON DELETE CASCADE). Several instances
 * may run the job at once, because each deletion repeats the state and date condition: a key that
 * another instance deleted, or whose deletion was cancelled meanwhile, is skipped.
 */
@Component
public class KeyDeletionJob {

    private static final Logger log = LoggerFactory.getLogger(KeyDeletionJob.class);

    // @ConfigurationPropertiesScan registers KmsProperties under the name "<prefix>-<class name>".
    private static final String INTERVAL = "#{@'kms-dev.localkms.config.KmsProperties'.deletionInterval()}";

    private final KeyRepository keys;
    private final Clock clock;

    KeyDeletionJob(KeyRepository keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * Deletes every key whose delete date is no later than the clock's current time.
     *
     * @return how many keys this call deleted
     */
    @Scheduled(fixedDelayString = INTERVAL, initialDelayString = INTERVAL)
    public int deleteExpiredKeys() {
        Instant now = clock.instant();
        int deleted = 0;
        for (KeyEntity key : keys.findByKeyStateAndDeleteDateLessThanEqual(KeyState.PENDING_DELETION, now)) {
            if (keys.deleteIfDue(key.getId(), KeyState.PENDING_DELETION, now) == 1) {
                log.info("Deleted key {} of account {} in {}: its pending deletion window ended at {}", key.getId(),
                        key.getAccountId(), key.getRegionId(), WireDates.format(key.getDeleteDate()));
                deleted++;
            }
        }
        return deleted;
    }
}
