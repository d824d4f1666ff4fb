package dev.localkms.encryption;

import java.util.Map;

import dev.localkms.api.ActionHandler;
import dev.localkms.api.ActionRequest;
import dev.localkms.api.Product;
import dev.localkms.api.ProductActions;
import dev.localkms.error.ErrorCode;
import dev.localkms.error.KmsException;
import org.springframework.stereotype.Component;

/** The KMS crypto actions: reads their parameters and calls {@link CryptoService}. */
@Component
class CryptoActions implements ProductActions {

    private final CryptoService crypto;

    CryptoActions(CryptoService crypto) {
        this.crypto = crypto;
    }

    @Override
    public Product product() {
        return Product.KMS;
    }

    @Override
    public Map<String, ActionHandler> handlers() {
        return Map.of(
                "Encrypt", this::encrypt,
                "Decrypt", this::decrypt,
                "GenerateDataKey", this::generateDataKey,
                "GenerateDataKeyWithoutPlaintext", this::generateDataKeyWithoutPlaintext);
    }

    /** Encrypt. */
    private Object encrypt(ActionRequest request) {
        verifyNoDryRun(request);
        return crypto.encrypt(request.caller(), request.required("KeyId"), request.required("Plaintext"),
                encryptionContext(request));
    }

    /** Decrypt. */
    private Object decrypt(ActionRequest request) {
        verifyNoDryRun(request);
        return crypto.decrypt(request.caller(), request.required("CiphertextBlob"), encryptionContext(request));
    }

    /** GenerateDataKey. */
    private Object generateDataKey(ActionRequest request) {
        verifyNoDryRun(request);
        return crypto.generateDataKey(request.caller(), request.required("KeyId"),
                request.optional("KeySpec").orElse(null), request.optional("NumberOfBytes").orElse(null),
                encryptionContext(request));
    }

    /** GenerateDataKeyWithoutPlaintext. */
    private Object generateDataKeyWithoutPlaintext(ActionRequest request) {
        verifyNoDryRun(request);
        return crypto.generateDataKeyWithoutPlaintext(request.caller(), request.required("KeyId"),
                request.optional("KeySpec").orElse(null), request.optional("NumberOfBytes").orElse(null),
                encryptionContext(request));
    }

    private static String encryptionContext(ActionRequest request) {
        return request.optional("EncryptionContext").orElse(null);
    }

    // NOTE: Alibaba does not document the reply to DryRun=true, so the request is rejected instead of
    // getting a guessed reply. DryRun=false runs the action as usual.
    private static void verifyNoDryRun(ActionRequest request) {
        if (request.bool("DryRun").orElse(false)) {
            throw KmsException.withMessage(ErrorCode.UNSUPPORTED_OPERATION,
                    "This action is not supported: DryRun=true is not emulated; omit DryRun or set it to false.");
        }
    }
}
