package dev.localkms.encryption;

/** Reply bodies of the crypto actions, without {@code RequestId}. {@code KeyId} is always the resolved key ID. */
public final class CryptoReplies {

    private CryptoReplies() {
    }

    /** Reply of Encrypt. */
    public record EncryptReply(String keyId, String keyVersionId, String ciphertextBlob) {
    }

    /** Reply of Decrypt: the text that was encrypted. */
    public record DecryptReply(String keyId, String keyVersionId, String plaintext) {

        @Override
        public String toString() {
            return "DecryptReply[keyId=" + keyId + ", keyVersionId=" + keyVersionId + ", plaintext=(hidden)]";
        }
    }

    /** Reply of GenerateDataKey: the data key as Base64 text and encrypted. */
    public record GenerateDataKeyReply(String keyId, String keyVersionId, String ciphertextBlob, String plaintext) {

        @Override
        public String toString() {
            return "GenerateDataKeyReply[keyId=" + keyId + ", keyVersionId=" + keyVersionId
                    + ", ciphertextBlob=" + ciphertextBlob + ", plaintext=(hidden)]";
        }
    }

    /** Reply of GenerateDataKeyWithoutPlaintext: the data key, encrypted only. */
    public record GenerateDataKeyWithoutPlaintextReply(String keyId, String keyVersionId, String ciphertextBlob) {
    }
}
