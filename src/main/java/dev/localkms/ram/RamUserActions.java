package dev.localkms.ram;

import java.util.Map;

import dev.localkms.api.ActionHandler;
import dev.localkms.api.ActionRequest;
import dev.localkms.api.Product;
import dev.localkms.api.ProductActions;
import org.springframework.stereotype.Component;

/** The RAM user and access key actions: reads their parameters and calls the user and access key services. */
@Component
class RamUserActions implements ProductActions {

    private static final int DEFAULT_MAX_ITEMS = 100;
    private static final int MAX_MAX_ITEMS = 1000;

    private final RamUserService users;
    private final RamAccessKeyService accessKeys;

    RamUserActions(RamUserService users, RamAccessKeyService accessKeys) {
        this.users = users;
        this.accessKeys = accessKeys;
    }

    @Override
    public Product product() {
        return Product.RAM;
    }

    @Override
    public Map<String, ActionHandler> handlers() {
        return Map.of(
                "CreateUser", this::createUser,
                "GetUser", this::getUser,
                "ListUsers", this::listUsers,
                "DeleteUser", this::deleteUser,
                "CreateAccessKey", this::createAccessKey,
                "ListAccessKeys", this::listAccessKeys,
                "UpdateAccessKey", this::updateAccessKey,
                "DeleteAccessKey", this::deleteAccessKey);
    }

    /** CreateUser. */
    private Object createUser(ActionRequest request) {
        RamUserService.NewUser newUser = new RamUserService.NewUser(
                request.required("UserName"),
                request.optional("DisplayName").orElse(null),
                request.optional("MobilePhone").orElse(null),
                request.optional("Email").orElse(null),
                request.optional("Comments").orElse(null));
        return users.createUser(request.caller(), newUser);
    }

    /** GetUser. */
    private Object getUser(ActionRequest request) {
        return users.getUser(request.caller(), request.required("UserName"));
    }

    /** ListUsers. */
    private Object listUsers(ActionRequest request) {
        return users.listUsers(request.caller(), request.optional("Marker").orElse(null),
                request.integer("MaxItems", DEFAULT_MAX_ITEMS, 1, MAX_MAX_ITEMS));
    }

    /** DeleteUser. */
    private Object deleteUser(ActionRequest request) {
        users.deleteUser(request.caller(), request.required("UserName"));
        return null;
    }

    /** CreateAccessKey. */
    private Object createAccessKey(ActionRequest request) {
        return accessKeys.createAccessKey(request.caller(), request.optional("UserName").orElse(null));
    }

    /** ListAccessKeys. */
    private Object listAccessKeys(ActionRequest request) {
        return accessKeys.listAccessKeys(request.caller(), request.optional("UserName").orElse(null));
    }

    /** UpdateAccessKey. */
    private Object updateAccessKey(ActionRequest request) {
        accessKeys.updateAccessKey(request.caller(), request.optional("UserName").orElse(null),
                request.required("UserAccessKeyId"), request.required("Status"));
        return null;
    }

    /** DeleteAccessKey. */
    private Object deleteAccessKey(ActionRequest request) {
        accessKeys.deleteAccessKey(request.caller(), request.optional("UserName").orElse(null),
                request.required("UserAccessKeyId"));
        return null;
    }
}
