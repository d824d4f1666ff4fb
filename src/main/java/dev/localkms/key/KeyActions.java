package dev.localkms.key;

import java.util.Map;

import dev.localkms.api.ActionHandler;
import dev.localkms.api.ActionRequest;
import dev.localkms.api.Product;
import dev.localkms.api.ProductActions;
import dev.localkms.key.KeyReplies.KeyMetadataReply;
import org.springframework.stereotype.Component;

/** The KMS key actions: reads their parameters and calls {@link KeyService}. */
@Component
class KeyActions implements ProductActions {

    private final KeyService keys;

    KeyActions(KeyService keys) {
        this.keys = keys;
    }

    @Override
    public Product product() {
        return Product.KMS;
    }

    @Override
    public Map<String, ActionHandler> handlers() {
        return Map.of(
                "CreateKey", this::createKey,
                "DescribeKey", this::describeKey,
                "ListKeys", this::listKeys);
    }

    /** CreateKey. */
    private Object createKey(ActionRequest request) {
        KeyService.NewKey newKey = new KeyService.NewKey(
                request.optionalKeepingEmpty("Description").orElse(null),
                request.optional("KeySpec").orElse(null),
                request.optional("KeyUsage").orElse(null),
                request.optional("Origin").orElse(null),
                request.optional("ProtectionLevel").orElse(null));
        request.bool("EnableAutomaticRotation");
        return new KeyMetadataReply(keys.createKey(request.caller(), newKey));
    }

    /** DescribeKey. */
    private Object describeKey(ActionRequest request) {
        return new KeyMetadataReply(keys.describeKey(request.caller(), request.required("KeyId")));
    }

    /** ListKeys. */
    private Object listKeys(ActionRequest request) {
        KeyFilters filters = request.optional("Filters").map(KeyFilters::parse).orElse(KeyFilters.none());
        return keys.listKeys(request.caller(), request.paging(), filters);
    }
}
