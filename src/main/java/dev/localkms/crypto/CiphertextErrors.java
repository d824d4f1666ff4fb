package dev.localkms.crypto;

import dev.localkms.error.ErrorCode;
import dev.localkms.error.KmsException;

/** Error returned by Decrypt for a CiphertextBlob that cannot be decoded or authenticated. */
public final class CiphertextErrors {

    /**
     * Code of that error.
     *
     * <p>NOTE: Alibaba documents no error for a corrupted blob or a mismatched EncryptionContext, so
     * 400 {@code InvalidParameter} is a placeholder until a reply from the real service is captured.
     */
    public static final ErrorCode INVALID_CIPHERTEXT = ErrorCode.INVALID_PARAMETER;

    private CiphertextErrors() {
    }

    /** Creates the error with a reason that must never contain plaintext or key bytes. */
    public static KmsException invalidCiphertext(String reason) {
        return KmsException.withMessage(INVALID_CIPHERTEXT,
                "The specified parameter \"CiphertextBlob\" is not valid: %s.".formatted(reason));
    }
}
