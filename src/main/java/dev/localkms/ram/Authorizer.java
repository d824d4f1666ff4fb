package dev.localkms.ram;

import java.util.List;

import dev.localkms.auth.Caller;
import dev.localkms.error.ErrorCode;
import dev.localkms.error.KmsException;
import org.springframework.stereotype.Service;

/** Decides whether a caller may run an action on a list of resources. */
@Service
public class Authorizer {

    /**
     * Checks that the caller may run {@code action} (such as {@code kms:CreateAlias}) on every resource.
     *
     * @throws KmsException {@code Forbidden.NoPermission} when it may not
     */
    public void authorize(Caller caller, String action, List<String> resources) {
        if (caller.isRoot()) {
            return;
        }
        throw KmsException.of(ErrorCode.NO_PERMISSION);
    }
}
