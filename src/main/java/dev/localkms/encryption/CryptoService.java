package dev.localkms.encryption;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.localkms.auth.Caller;
import dev.localkms.crypto.BlobCipher;
import dev.localkms.crypto.CiphertextBlob;
import dev.localkms.crypto.CryptoParameters;
import dev.localkms.crypto.DataKey;
import dev.localkms.crypto.EncryptionContexts;
import dev.localkms.encryption.CryptoReplies.DecryptReply;
import dev.localkms.encryption.CryptoReplies.EncryptReply;
import dev.localkms.encryption.CryptoReplies.GenerateDataKeyReply;
import dev.localkms.encryption.CryptoReplies.GenerateDataKeyWithoutPlaintextReply;
import dev.localkms.key.KeyMaterial;
import dev.localkms.key.KeyMaterialService;
import dev.localkms.key.KeyResolver;
import dev.localkms.key.KeyResolver.AliasUse;
import dev.localkms.key.KeyResolver.ResolvedKey;
import dev.localkms.ram.Authorizer;
import org.springframework.stereotype.Service;

/**
 * Encrypt, Decrypt, GenerateDataKey and GenerateDataKeyWithoutPlaintext with the caller's keys.
 *
 * <p>Each action checks, in this order: the alias (when KeyId names one), that the key exists, the
 * caller's permission on the resolved key's ARN (never the alias ARN), the parameters, and then the
 * key state. Alibaba does not document its order. Plaintext and key material are never logged.
 */
@Service
public class CryptoService {

    private final KeyResolver resolver;
    private final KeyMaterialService keyMaterials;
    private final Authorizer authorizer;

    CryptoService(KeyResolver resolver, KeyMaterialService keyMaterials, Authorizer authorizer) {
        this.resolver = resolver;
        this.keyMaterials = keyMaterials;
        this.authorizer = authorizer;
    }

    /**
     * Encrypt: encrypts the UTF-8 bytes of {@code plaintext} under the primary version of the key that
     * {@code keyId} (key ID, key ARN or alias) names.
     *
     * @param encryptionContext JSON object of strings, or null
     */
    public EncryptReply encrypt(Caller caller, String keyId, String plaintext, String encryptionContext) {
        ResolvedKey key = authorizedKey(caller, keyId, "kms:Encrypt");
        byte[] plaintextBytes = CryptoParameters.plaintextBytes(plaintext);
        byte[] additionalData = EncryptionContexts.additionalData(encryptionContext);
        KeyMaterial material = keyMaterials.materialForEncryption(caller, key.keyId());
        try {
            CiphertextBlob blob = BlobCipher.encrypt(material.keyVersionId(), material.material(), plaintextBytes,
                    additionalData);
            return new EncryptReply(material.keyId(), material.keyVersionId(), blob.encode());
        } finally {
            material.erase();
        }
    }

    /**
     * Decrypt: decrypts a blob of Encrypt or GenerateDataKey with the key version that the blob names.
     *
     * @param encryptionContext the context the blob was made with, or null when it was made without one
     */
    public DecryptReply decrypt(Caller caller, String ciphertextBlob, String encryptionContext) {
        CiphertextBlob blob = CiphertextBlob.decode(ciphertextBlob);
        ResolvedKey key = keyMaterials.resolveVersion(caller, blob.keyVersionId());
        authorizer.authorize(caller, "kms:Decrypt", List.of(key.arn()));
        byte[] additionalData = EncryptionContexts.additionalData(encryptionContext);
        KeyMaterial material = keyMaterials.materialForDecryption(caller, blob.keyVersionId());
        try {
            byte[] plaintext = BlobCipher.decrypt(blob, material.material(), additionalData);
            return new DecryptReply(material.keyId(), material.keyVersionId(),
                    new String(plaintext, StandardCharsets.UTF_8));
        } finally {
            material.erase();
        }
    }

    /**
     * GenerateDataKey: returns a random data key as Base64 text, and that text encrypted under the key
     * that {@code keyId} names.
     *
     * @param keySpec {@code AES_256}, {@code AES_128} or null
     * @param numberOfBytes 1 to 1024 as text, or null. It wins over {@code keySpec}.
     */
    public GenerateDataKeyReply generateDataKey(Caller caller, String keyId, String keySpec, String numberOfBytes,
            String encryptionContext) {
        GeneratedDataKey generated = generate(caller, "kms:GenerateDataKey", keyId, keySpec, numberOfBytes,
                encryptionContext);
        return new GenerateDataKeyReply(generated.keyId(), generated.keyVersionId(),
                generated.dataKey().ciphertextBlob().encode(), generated.dataKey().plaintext());
    }

    /** GenerateDataKeyWithoutPlaintext: as {@link #generateDataKey}, but returns only the encrypted data key. */
    public GenerateDataKeyWithoutPlaintextReply generateDataKeyWithoutPlaintext(Caller caller, String keyId,
            String keySpec, String numberOfBytes, String encryptionContext) {
        GeneratedDataKey generated = generate(caller, "kms:GenerateDataKeyWithoutPlaintext", keyId, keySpec,
                numberOfBytes, encryptionContext);
        return new GenerateDataKeyWithoutPlaintextReply(generated.keyId(), generated.keyVersionId(),
                generated.dataKey().ciphertextBlob().encode());
    }

    private GeneratedDataKey generate(Caller caller, String action, String keyId, String keySpec,
            String numberOfBytes, String encryptionContext) {
        ResolvedKey key = authorizedKey(caller, keyId, action);
        int length = CryptoParameters.dataKeyLength(keySpec, numberOfBytes);
        byte[] additionalData = EncryptionContexts.additionalData(encryptionContext);
        KeyMaterial material = keyMaterials.materialForEncryption(caller, key.keyId());
        try {
            DataKey dataKey = DataKey.generate(material.keyVersionId(), material.material(), length, additionalData);
            return new GeneratedDataKey(material.keyId(), material.keyVersionId(), dataKey);
        } finally {
            material.erase();
        }
    }

    private ResolvedKey authorizedKey(Caller caller, String keyId, String action) {
        ResolvedKey key = resolver.resolveKey(caller, keyId, AliasUse.ACCEPTED);
        authorizer.authorize(caller, action, List.of(key.arn()));
        return key;
    }

    private record GeneratedDataKey(String keyId, String keyVersionId, DataKey dataKey) {
    }
}
