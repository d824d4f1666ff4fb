package dev.localkms.key;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import dev.localkms.crypto.MasterKey;
import dev.localkms.crypto.MasterKeyProvider;
import org.springframework.stereotype.Component;

/** Creates key versions with fresh material, stored wrapped under the master key, and unwraps them. */
@Component
class KeyMaterials {

    private final SecureRandom random = new SecureRandom();
    private final MasterKeyProvider masterKeys;
    private final KeyVersionRepository versions;

    KeyMaterials(MasterKeyProvider masterKeys, KeyVersionRepository versions) {
        this.masterKeys = masterKeys;
        this.versions = versions;
    }

    /** Returns a new, unsaved version of {@code keyId} with {@code length} random bytes of material. */
    KeyVersionEntity newVersion(String keyId, int length, Instant now) {
        byte[] material = new byte[length];
        random.nextBytes(material);
        String versionId = UUID.randomUUID().toString();
        byte[] wrapped = masterKeys.masterKey().wrap(material, versionId);
        return new KeyVersionEntity(versionId, keyId, Base64.getEncoder().encodeToString(wrapped), now);
    }

    void save(KeyVersionEntity version) {
        versions.save(version);
    }

    /** Returns the clear material of a version; callers must not keep or log it. */
    byte[] unwrap(KeyVersionEntity version) {
        MasterKey masterKey = masterKeys.masterKey();
        return masterKey.unwrap(Base64.getDecoder().decode(version.getWrappedMaterial()), version.getId());
    }
}
