package dev.localkms.sdk;

import java.util.Map;

import com.aliyuncs.http.MethodType;
import com.aliyuncs.kms.model.v20160120.CancelKeyDeletionRequest;
import com.aliyuncs.kms.model.v20160120.DecryptRequest;
import com.aliyuncs.kms.model.v20160120.DecryptResponse;
import com.aliyuncs.kms.model.v20160120.DescribeKeyRequest;
import com.aliyuncs.kms.model.v20160120.DisableKeyRequest;
import com.aliyuncs.kms.model.v20160120.EnableKeyRequest;
import com.aliyuncs.kms.model.v20160120.EncryptRequest;
import com.aliyuncs.kms.model.v20160120.EncryptResponse;
import com.aliyuncs.kms.model.v20160120.GenerateDataKeyRequest;
import com.aliyuncs.kms.model.v20160120.GenerateDataKeyResponse;
import com.aliyuncs.kms.model.v20160120.GenerateDataKeyWithoutPlaintextRequest;
import com.aliyuncs.kms.model.v20160120.GenerateDataKeyWithoutPlaintextResponse;
import com.aliyuncs.kms.model.v20160120.ScheduleKeyDeletionRequest;
import com.aliyuncs.kms.model.v20160120.UpdateKeyDescriptionRequest;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drives the lifecycle and crypto calls through {@code aliyun-java-sdk-kms}, which takes EncryptionContext
 * as JSON text.
 */
public class PopCryptoKmsDriver extends PopKmsDriver implements CryptoKmsDriver {

    public PopCryptoKmsDriver(int port, String accessKeyId, String secret, String regionId, MethodType method) {
        super(port, accessKeyId, secret, regionId, method);
    }

    @Override
    public Encrypted encrypt(String keyId, String plaintext, Map<String, String> context) {
        EncryptRequest request = new EncryptRequest();
        request.setKeyId(keyId);
        request.setPlaintext(plaintext);
        request.setEncryptionContext(json(context));
        EncryptResponse response = call(request);
        return new Encrypted(response.getKeyId(), response.getKeyVersionId(), response.getCiphertextBlob());
    }

    @Override
    public Decrypted decrypt(String ciphertextBlob, Map<String, String> context) {
        DecryptRequest request = new DecryptRequest();
        request.setCiphertextBlob(ciphertextBlob);
        request.setEncryptionContext(json(context));
        DecryptResponse response = call(request);
        return new Decrypted(response.getKeyId(), response.getKeyVersionId(), response.getPlaintext());
    }

    @Override
    public DataKeyView generateDataKey(String keyId, String keySpec, Integer numberOfBytes,
            Map<String, String> context) {
        GenerateDataKeyRequest request = new GenerateDataKeyRequest();
        request.setKeyId(keyId);
        request.setKeySpec(keySpec);
        request.setNumberOfBytes(numberOfBytes);
        request.setEncryptionContext(json(context));
        GenerateDataKeyResponse response = call(request);
        return new DataKeyView(response.getKeyId(), response.getKeyVersionId(), response.getCiphertextBlob(),
                response.getPlaintext());
    }

    @Override
    public DataKeyView generateDataKeyWithoutPlaintext(String keyId, String keySpec, Integer numberOfBytes,
            Map<String, String> context) {
        GenerateDataKeyWithoutPlaintextRequest request = new GenerateDataKeyWithoutPlaintextRequest();
        request.setKeyId(keyId);
        request.setKeySpec(keySpec);
        request.setNumberOfBytes(numberOfBytes);
        request.setEncryptionContext(json(context));
        GenerateDataKeyWithoutPlaintextResponse response = call(request);
        // The SDK's reply model has no Plaintext field at all.
        return new DataKeyView(response.getKeyId(), response.getKeyVersionId(), response.getCiphertextBlob(), null);
    }

    @Override
    public void enableKey(String keyId) {
        EnableKeyRequest request = new EnableKeyRequest();
        request.setKeyId(keyId);
        call(request);
    }

    @Override
    public void disableKey(String keyId) {
        DisableKeyRequest request = new DisableKeyRequest();
        request.setKeyId(keyId);
        call(request);
    }

    @Override
    public void scheduleKeyDeletion(String keyId, Integer pendingWindowInDays) {
        ScheduleKeyDeletionRequest request = new ScheduleKeyDeletionRequest();
        request.setKeyId(keyId);
        request.setPendingWindowInDays(pendingWindowInDays);
        call(request);
    }

    @Override
    public void cancelKeyDeletion(String keyId) {
        CancelKeyDeletionRequest request = new CancelKeyDeletionRequest();
        request.setKeyId(keyId);
        call(request);
    }

    @Override
    public void updateKeyDescription(String keyId, String description) {
        UpdateKeyDescriptionRequest request = new UpdateKeyDescriptionRequest();
        request.setKeyId(keyId);
        request.setDescription(description);
        call(request);
    }

    @Override
    public String deleteDate(String keyId) {
        DescribeKeyRequest request = new DescribeKeyRequest();
        request.setKeyId(keyId);
        return call(request).getKeyMetadata().getDeleteDate();
    }

    private static String json(Map<String, String> context) {
        return context == null ? null : JsonMapper.shared().writeValueAsString(context);
    }
}
