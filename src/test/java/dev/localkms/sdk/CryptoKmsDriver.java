package dev.localkms.sdk;

import java.util.Map;

/**
 * {@link KmsDriver} plus the key lifecycle and crypto calls, implemented once per official SDK.
 * Failures surface as {@link SdkError}.
 */
public interface CryptoKmsDriver extends KmsDriver {

    /** Encrypts {@code plaintext}. A null {@code context} sends no EncryptionContext. */
    Encrypted encrypt(String keyId, String plaintext, Map<String, String> context);

    Decrypted decrypt(String ciphertextBlob, Map<String, String> context);

    /** Calls GenerateDataKey without the null arguments. */
    DataKeyView generateDataKey(String keyId, String keySpec, Integer numberOfBytes, Map<String, String> context);

    /** Calls GenerateDataKeyWithoutPlaintext. The SDKs' reply models have no Plaintext, so the result's is null. */
    DataKeyView generateDataKeyWithoutPlaintext(String keyId, String keySpec, Integer numberOfBytes,
            Map<String, String> context);

    void enableKey(String keyId);

    void disableKey(String keyId);

    /** Calls ScheduleKeyDeletion, without PendingWindowInDays when it is null. */
    void scheduleKeyDeletion(String keyId, Integer pendingWindowInDays);

    void cancelKeyDeletion(String keyId);

    /** Calls UpdateKeyDescription, without Description when it is null. */
    void updateKeyDescription(String keyId, String description);

    /** Returns DescribeKey's {@code DeleteDate}, empty when the key is not pending deletion. */
    String deleteDate(String keyId);

    /** Reply of Encrypt. */
    record Encrypted(String keyId, String keyVersionId, String ciphertextBlob) {
    }

    /** Reply of Decrypt. */
    record Decrypted(String keyId, String keyVersionId, String plaintext) {
    }

    /** Reply of GenerateDataKey or GenerateDataKeyWithoutPlaintext. */
    record DataKeyView(String keyId, String keyVersionId, String ciphertextBlob, String plaintext) {
    }
}
