package dev.localkms.ram;

import java.util.List;

import dev.localkms.auth.Caller;
import dev.localkms.error.ErrorCode;
import dev.localkms.error.KmsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Decides who may call RAM actions: an account's root may, and its RAM users may not. */
@Component
public class RamPermissionCheck {

    private static final Logger log = LoggerFactory.getLogger(RamPermissionCheck.class);

    /**
     * Checks that the caller may run {@code action} (such as {@code ram:CreateUser}) on the resources.
     *
     * @param resources the resource ARNs, the one named in a denial first
     * @throws KmsException {@code NoPermission} (403) naming the first resource and the action
     */
    public void authorize(Caller caller, String action, List<String> resources) {
        if (caller.isRoot()) {
            return;
        }
        // NOTE: RAM policies do not apply to RAM actions yet: every RAM user is denied, even one with
        // AdministratorAccess or AliyunRAMFullAccess attached.
        log.info("RAM denied {} {} on {}", caller.principal(), action, resources);
        throw KmsException.withMessage(ErrorCode.RAM_NO_PERMISSION,
                "You are not authorized to do this action. Resource: %s Action: %s"
                        .formatted(resources.get(0), action));
    }
}
