package dev.localkms.key;

import dev.localkms.auth.Caller;
import dev.localkms.error.ErrorCode;
import dev.localkms.error.KmsException;
import dev.localkms.key.KeyResolver.ResolvedKey;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lends key material to the crypto actions after checking that the key's state allows its use.
 * Disabled, PendingDeletion and PendingImport keys are rejected with the matching 409 error.
 */
@Service
public class KeyMaterialService {

    private final KeyRepository keys;
    private final KeyVersionRepository versions;
    private final KeyMaterials materials;

    KeyMaterialService(KeyRepository keys, KeyVersionRepository versions, KeyMaterials materials) {
        this.keys = keys;
        this.versions = versions;
        this.materials = materials;
    }

    /**
     * Returns the key that owns {@code keyVersionId}.
     *
     * @throws KmsException {@code Forbidden.KeyNotFound} when the version does not exist or its key is
     *         not in the caller's account and region
     */
    @Transactional(readOnly = true)
    public ResolvedKey resolveVersion(Caller caller, String keyVersionId) {
        KeyEntity key = ownerOf(caller, version(keyVersionId));
        return new ResolvedKey(key.getId(), KeyService.arn(key), key.getKeyState());
    }

    /**
     * Returns the material of the primary version of the key {@code keyId}, for Encrypt and GenerateDataKey.
     *
     * @param keyId a key ID, as {@link KeyResolver} returns it
     * @throws KmsException {@code Forbidden.KeyNotFound} when the key no longer exists, or a 409
     *         {@code Rejected.*} error when its state forbids crypto operations
     */
    @Transactional(readOnly = true)
    public KeyMaterial materialForEncryption(Caller caller, String keyId) {
        KeyEntity key = keys.findInScope(keyId, caller.accountId(), caller.regionId())
                .orElseThrow(() -> KeyResolver.keyNotFound(keyId));
        verifyUsable(key);
        return lend(key, version(key.getPrimaryVersionId()));
    }

    /**
     * Returns the material of the version {@code keyVersionId}, for Decrypt.
     *
     * @throws KmsException {@code Forbidden.KeyNotFound} when the version or its key no longer exists, or
     *         a 409 {@code Rejected.*} error when the key's state forbids crypto operations
     */
    @Transactional(readOnly = true)
    public KeyMaterial materialForDecryption(Caller caller, String keyVersionId) {
        KeyVersionEntity version = version(keyVersionId);
        KeyEntity key = ownerOf(caller, version);
        verifyUsable(key);
        return lend(key, version);
    }

    /** Throws the 409 error that Alibaba returns for a crypto operation on a key in this state. */
    static void verifyUsable(KeyEntity key) {
        ErrorCode rejection = switch (key.getKeyState()) {
            case ENABLED -> null;
            case DISABLED -> ErrorCode.KEY_DISABLED;
            case PENDING_DELETION -> ErrorCode.KEY_PENDING_DELETION;
            case PENDING_IMPORT -> ErrorCode.KEY_PENDING_IMPORT;
        };
        if (rejection != null) {
            throw KmsException.withMessage(rejection, "%s Key \"%s\" must be Enabled for crypto operations."
                    .formatted(rejection.messageTemplate(), key.getId()));
        }
    }

    private KeyMaterial lend(KeyEntity key, KeyVersionEntity version) {
        return new KeyMaterial(key.getId(), version.getId(), materials.unwrap(version));
    }

    private KeyVersionEntity version(String keyVersionId) {
        return versions.findById(keyVersionId).orElseThrow(() -> versionNotFound(keyVersionId));
    }

    private KeyEntity ownerOf(Caller caller, KeyVersionEntity version) {
        return keys.findInScope(version.getKeyId(), caller.accountId(), caller.regionId())
                .orElseThrow(() -> versionNotFound(version.getId()));
    }

    // Forbidden.KeyNotFound rather than KeyVersionNotFound, so that a blob of a deleted key fails as its
    // key does.
    private static KmsException versionNotFound(String keyVersionId) {
        return KmsException.withMessage(ErrorCode.KEY_NOT_FOUND,
                "The specified Key is not found: no key of this account and region has the version \"%s\"."
                        .formatted(keyVersionId));
    }
}
