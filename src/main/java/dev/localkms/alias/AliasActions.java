package dev.localkms.alias;

import java.util.Map;

import dev.localkms.api.ActionHandler;
import dev.localkms.api.ActionRequest;
import dev.localkms.api.Product;
import dev.localkms.api.ProductActions;
import org.springframework.stereotype.Component;

/** The KMS alias actions: reads their parameters and calls {@link AliasService}. */
@Component
class AliasActions implements ProductActions {

    private final AliasService aliases;

    AliasActions(AliasService aliases) {
        this.aliases = aliases;
    }

    @Override
    public Product product() {
        return Product.KMS;
    }

    @Override
    public Map<String, ActionHandler> handlers() {
        return Map.of(
                "CreateAlias", this::createAlias,
                "UpdateAlias", this::updateAlias,
                "DeleteAlias", this::deleteAlias,
                "ListAliases", this::listAliases,
                "ListAliasesByKeyId", this::listAliasesByKeyId);
    }

    /** CreateAlias. */
    private Object createAlias(ActionRequest request) {
        aliases.createAlias(request.caller(), request.required("KeyId"), request.required("AliasName"));
        return null;
    }

    /** UpdateAlias. */
    private Object updateAlias(ActionRequest request) {
        aliases.updateAlias(request.caller(), request.required("KeyId"), request.required("AliasName"));
        return null;
    }

    /** DeleteAlias. */
    private Object deleteAlias(ActionRequest request) {
        aliases.deleteAlias(request.caller(), request.required("AliasName"));
        return null;
    }

    /** ListAliases. */
    private Object listAliases(ActionRequest request) {
        return aliases.listAliases(request.caller(), request.paging());
    }

    /** ListAliasesByKeyId. */
    private Object listAliasesByKeyId(ActionRequest request) {
        return aliases.listAliasesByKeyId(request.caller(), request.required("KeyId"), request.paging());
    }
}
