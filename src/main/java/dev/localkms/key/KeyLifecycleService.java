package dev.localkms.key;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.localkms.auth.Caller;
import dev.localkms.common.WireDates;
import dev.localkms.error.ErrorCode;
import dev.localkms.error.KmsException;
import dev.localkms.key.KeyResolver.AliasUse;
import dev.localkms.ram.Authorizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes the state and description of keys: EnableKey, DisableKey, ScheduleKeyDeletion,
 * CancelKeyDeletion and UpdateKeyDescription.
 *
 * <p>Each change is one conditional UPDATE that names the states it may start from, so two instances
 * sharing a database cannot both apply conflicting changes. When the UPDATE changes no row, the key is
 * read again to report why.
 */
@Service
public class KeyLifecycleService {

    static final int MIN_PENDING_WINDOW_DAYS = 7;
    static final int MAX_PENDING_WINDOW_DAYS = 366;

    private static final Logger log = LoggerFactory.getLogger(KeyLifecycleService.class);

    // The allowed starting states follow Alibaba's table of key states and API calls.
    private static final Set<KeyState> ENABLE_OR_DISABLE_FROM = EnumSet.of(KeyState.ENABLED, KeyState.DISABLED);
    private static final Set<KeyState> SCHEDULE_DELETION_FROM =
            EnumSet.of(KeyState.ENABLED, KeyState.DISABLED, KeyState.PENDING_IMPORT);
    private static final Set<KeyState> CANCEL_DELETION_FROM = EnumSet.of(KeyState.PENDING_DELETION);
    private static final Set<KeyState> DESCRIPTION_CHANGE_IN =
            EnumSet.of(KeyState.ENABLED, KeyState.DISABLED, KeyState.PENDING_IMPORT);

    private final KeyRepository keys;
    private final KeyResolver resolver;
    private final Authorizer authorizer;
    private final Clock clock;

    KeyLifecycleService(KeyRepository keys, KeyResolver resolver, Authorizer authorizer, Clock clock) {
        this.keys = keys;
        this.resolver = resolver;
        this.authorizer = authorizer;
        this.clock = clock;
    }

    /** EnableKey: makes a Disabled key Enabled. An Enabled key stays Enabled. */
    @Transactional
    public void enableKey(Caller caller, String keyId) {
        KeyEntity key = authorizedKey(caller, keyId, "kms:EnableKey");
        changeState(caller, key.getId(), "EnableKey", ENABLE_OR_DISABLE_FROM, KeyState.ENABLED, null);
    }

    /** DisableKey: makes an Enabled key Disabled. A Disabled key stays Disabled. */
    @Transactional
    public void disableKey(Caller caller, String keyId) {
        KeyEntity key = authorizedKey(caller, keyId, "kms:DisableKey");
        changeState(caller, key.getId(), "DisableKey", ENABLE_OR_DISABLE_FROM, KeyState.DISABLED, null);
    }

    /**
     * ScheduleKeyDeletion: makes the key PendingDeletion until now plus {@code pendingWindowInDays} days,
     * after which {@link KeyDeletionJob} deletes it.
     *
     * @param pendingWindowInDays the parameter as sent, which must be an integer from 7 to 366
     * @return the delete date
     */
    @Transactional
    public Instant scheduleKeyDeletion(Caller caller, String keyId, String pendingWindowInDays) {
        KeyEntity key = authorizedKey(caller, keyId, "kms:ScheduleKeyDeletion");
        int days = parsePendingWindow(pendingWindowInDays);
        Instant deleteDate = clock.instant().plus(Duration.ofDays(days));
        changeState(caller, key.getId(), "ScheduleKeyDeletion", SCHEDULE_DELETION_FROM, KeyState.PENDING_DELETION,
                deleteDate);
        log.info("Key {} of account {} in {} is scheduled for deletion at {}", key.getId(), caller.accountId(),
                caller.regionId(), WireDates.format(deleteDate));
        return deleteDate;
    }

    /** CancelKeyDeletion: returns a PendingDeletion key to Enabled, whatever its state was before. */
    @Transactional
    public void cancelKeyDeletion(Caller caller, String keyId) {
        KeyEntity key = authorizedKey(caller, keyId, "kms:CancelKeyDeletion");
        changeState(caller, key.getId(), "CancelKeyDeletion", CANCEL_DELETION_FROM, KeyState.ENABLED, null);
        log.info("Key {} of account {} in {} is no longer scheduled for deletion", key.getId(), caller.accountId(),
                caller.regionId());
    }

    /** UpdateKeyDescription: replaces the description. An empty one clears it. */
    @Transactional
    public void updateKeyDescription(Caller caller, String keyId, String description) {
        KeyEntity key = authorizedKey(caller, keyId, "kms:UpdateKeyDescription");
        String verified = KeyService.verifyDescription(description);
        if (keys.changeDescription(key.getId(), DESCRIPTION_CHANGE_IN, verified) == 0) {
            currentState(caller, key.getId());
            throw KmsException.withMessage(ErrorCode.KEY_PENDING_DELETION,
                    "The request was rejected because the key state is PendingDeletion: cancel the deletion of"
                            + " key \"%s\" before changing its description.".formatted(key.getId()));
        }
    }

    /**
     * Parses PendingWindowInDays.
     *
     * @throws KmsException {@code InvalidParameter} when the value is not an integer from 7 to 366
     */
    static int parsePendingWindow(String value) {
        String rule = "must be an integer number of days from %d to %d"
                .formatted(MIN_PENDING_WINDOW_DAYS, MAX_PENDING_WINDOW_DAYS);
        int days;
        try {
            days = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw KmsException.invalidParameter("PendingWindowInDays", value, rule);
        }
        if (days < MIN_PENDING_WINDOW_DAYS || days > MAX_PENDING_WINDOW_DAYS) {
            throw KmsException.invalidParameter("PendingWindowInDays", value, rule);
        }
        return days;
    }

    private KeyEntity authorizedKey(Caller caller, String keyId, String action) {
        KeyEntity key = resolver.resolve(caller, keyId, AliasUse.REJECTED);
        authorizer.authorize(caller, action, List.of(KeyService.arn(key)));
        return key;
    }

    private void changeState(Caller caller, String keyId, String action, Set<KeyState> fromStates,
            KeyState toState, Instant deleteDate) {
        if (keys.changeState(keyId, fromStates, toState, deleteDate) == 1) {
            return;
        }
        KeyState current = currentState(caller, keyId);
        throw KmsException.withMessage(ErrorCode.STATE_MODIFIED_FAILED,
                "Keystate modified failed: key \"%s\" is %s, and %s needs it to be %s."
                        .formatted(keyId, current.wireName(), action, wireNames(fromStates)));
    }

    // Called after an UPDATE that changed nothing: the key is either gone (Forbidden.KeyNotFound) or in
    // a state the action does not accept.
    private KeyState currentState(Caller caller, String keyId) {
        return keys.findInScope(keyId, caller.accountId(), caller.regionId())
                .map(KeyEntity::getKeyState)
                .orElseThrow(() -> KeyResolver.keyNotFound(keyId));
    }

    private static String wireNames(Set<KeyState> states) {
        List<String> names = states.stream().map(KeyState::wireName).toList();
        return names.size() == 1 ? names.get(0) : "one of " + String.join(", ", names);
    }
}
