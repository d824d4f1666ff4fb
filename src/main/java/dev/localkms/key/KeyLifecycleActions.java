package dev.localkms.key;

import java.util.Map;

import dev.localkms.api.ActionHandler;
import dev.localkms.api.ActionRequest;
import dev.localkms.api.Product;
import dev.localkms.api.ProductActions;
import dev.localkms.error.KmsException;
import org.springframework.stereotype.Component;

/** The KMS key lifecycle actions: reads their parameters and calls {@link KeyLifecycleService}. */
@Component
class KeyLifecycleActions implements ProductActions {

    private final KeyLifecycleService lifecycle;

    KeyLifecycleActions(KeyLifecycleService lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public Product product() {
        return Product.KMS;
    }

    @Override
    public Map<String, ActionHandler> handlers() {
        return Map.of(
                "EnableKey", this::enableKey,
                "DisableKey", this::disableKey,
                "ScheduleKeyDeletion", this::scheduleKeyDeletion,
                "CancelKeyDeletion", this::cancelKeyDeletion,
                "UpdateKeyDescription", this::updateKeyDescription);
    }

    /** EnableKey. */
    private Object enableKey(ActionRequest request) {
        lifecycle.enableKey(request.caller(), request.required("KeyId"));
        return null;
    }

    /** DisableKey. */
    private Object disableKey(ActionRequest request) {
        lifecycle.disableKey(request.caller(), request.required("KeyId"));
        return null;
    }

    /** ScheduleKeyDeletion. */
    private Object scheduleKeyDeletion(ActionRequest request) {
        lifecycle.scheduleKeyDeletion(request.caller(), request.required("KeyId"),
                request.required("PendingWindowInDays"));
        return null;
    }

    /** CancelKeyDeletion. */
    private Object cancelKeyDeletion(ActionRequest request) {
        lifecycle.cancelKeyDeletion(request.caller(), request.required("KeyId"));
        return null;
    }

    /** UpdateKeyDescription. Description is required, but an empty value is allowed and clears it. */
    private Object updateKeyDescription(ActionRequest request) {
        String keyId = request.required("KeyId");
        String description = request.optionalKeepingEmpty("Description")
                .orElseThrow(() -> KmsException.missingParameter("Description"));
        lifecycle.updateKeyDescription(request.caller(), keyId, description);
        return null;
    }
}
