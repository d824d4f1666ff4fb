package dev.localkms.sdk;

import java.util.Map;

import com.aliyun.kms20160120.models.CancelKeyDeletionRequest;
import com.aliyun.kms20160120.models.DecryptRequest;
import com.aliyun.kms20160120.models.DecryptResponseBody;
import com.aliyun.kms20160120.models.DescribeKeyRequest;
import com.aliyun.kms20160120.models.DisableKeyRequest;
import com.aliyun.kms20160120.models.EnableKeyRequest;
import com.aliyun.kms20160120.models.EncryptRequest;
import com.aliyun.kms20160120.models.EncryptResponseBody;
import com.aliyun.kms20160120.models.GenerateDataKeyRequest;
import com.aliyun.kms20160120.models.GenerateDataKeyResponseBody;
import com.aliyun.kms20160120.models.GenerateDataKeyWithoutPlaintextRequest;
import com.aliyun.kms20160120.models.GenerateDataKeyWithoutPlaintextResponseBody;
import com.aliyun.kms20160120.models.ScheduleKeyDeletionRequest;
import com.aliyun.kms20160120.models.UpdateKeyDescriptionRequest;

/** Drives the lifecycle and crypto calls through {@code com.aliyun:kms20160120}. */
public class TeaCryptoKmsDriver extends TeaKmsDriver implements CryptoKmsDriver {

    public TeaCryptoKmsDriver(int port, String accessKeyId, String secret, boolean v1, String regionId) {
        super(port, accessKeyId, secret, v1, regionId);
    }

    @Override
    public Encrypted encrypt(String keyId, String plaintext, Map<String, String> context) {
        EncryptResponseBody body = call(() -> client().encrypt(new EncryptRequest()
                .setKeyId(keyId).setPlaintext(plaintext).setEncryptionContext(context)).getBody());
        return new Encrypted(body.getKeyId(), body.getKeyVersionId(), body.getCiphertextBlob());
    }

    @Override
    public Decrypted decrypt(String ciphertextBlob, Map<String, String> context) {
        DecryptResponseBody body = call(() -> client().decrypt(new DecryptRequest()
                .setCiphertextBlob(ciphertextBlob).setEncryptionContext(context)).getBody());
        return new Decrypted(body.getKeyId(), body.getKeyVersionId(), body.getPlaintext());
    }

    @Override
    public DataKeyView generateDataKey(String keyId, String keySpec, Integer numberOfBytes,
            Map<String, String> context) {
        GenerateDataKeyResponseBody body = call(() -> client().generateDataKey(new GenerateDataKeyRequest()
                .setKeyId(keyId).setKeySpec(keySpec).setNumberOfBytes(numberOfBytes).setEncryptionContext(context))
                .getBody());
        return new DataKeyView(body.getKeyId(), body.getKeyVersionId(), body.getCiphertextBlob(), body.getPlaintext());
    }

    @Override
    public DataKeyView generateDataKeyWithoutPlaintext(String keyId, String keySpec, Integer numberOfBytes,
            Map<String, String> context) {
        GenerateDataKeyWithoutPlaintextResponseBody body = call(() -> client().generateDataKeyWithoutPlaintext(
                new GenerateDataKeyWithoutPlaintextRequest().setKeyId(keyId).setKeySpec(keySpec)
                        .setNumberOfBytes(numberOfBytes).setEncryptionContext(context)).getBody());
        // The SDK's reply model has no Plaintext field at all.
        return new DataKeyView(body.getKeyId(), body.getKeyVersionId(), body.getCiphertextBlob(), null);
    }

    @Override
    public void enableKey(String keyId) {
        call(() -> client().enableKey(new EnableKeyRequest().setKeyId(keyId)));
    }

    @Override
    public void disableKey(String keyId) {
        call(() -> client().disableKey(new DisableKeyRequest().setKeyId(keyId)));
    }

    @Override
    public void scheduleKeyDeletion(String keyId, Integer pendingWindowInDays) {
        call(() -> client().scheduleKeyDeletion(new ScheduleKeyDeletionRequest()
                .setKeyId(keyId).setPendingWindowInDays(pendingWindowInDays)));
    }

    @Override
    public void cancelKeyDeletion(String keyId) {
        call(() -> client().cancelKeyDeletion(new CancelKeyDeletionRequest().setKeyId(keyId)));
    }

    @Override
    public void updateKeyDescription(String keyId, String description) {
        call(() -> client().updateKeyDescription(new UpdateKeyDescriptionRequest()
                .setKeyId(keyId).setDescription(description)));
    }

    @Override
    public String deleteDate(String keyId) {
        return call(() -> client().describeKey(new DescribeKeyRequest().setKeyId(keyId))
                .getBody().getKeyMetadata().getDeleteDate());
    }
}
