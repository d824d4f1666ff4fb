package dev.localkms.key;

/**
 * {@code KeyMetadata} of CreateKey and DescribeKey replies, with Alibaba's field names.
 *
 * @param keyId the key ID
 * @param arn the key ARN
 * @param keyState Enabled, Disabled, PendingDeletion or PendingImport
 * @param keySpec the key spec, such as Aliyun_AES_256
 * @param keyUsage ENCRYPT/DECRYPT
 * @param origin Aliyun_KMS
 * @param protectionLevel SOFTWARE or HSM
 * @param description the description, empty when unset
 * @param creator the account ID of the creator
 * @param creationDate creation time
 * @param deleteDate planned deletion time, empty unless the key is pending deletion
 * @param lastRotationDate the creation time of the primary version
 * @param materialExpireTime always empty: key material never expires
 * @param automaticRotation always Disabled
 * @param primaryKeyVersion the primary version ID
 * @param deletionProtection always Disabled
 */
public record KeyMetadata(
        String keyId,
        String arn,
        String keyState,
        String keySpec,
        String keyUsage,
        String origin,
        String protectionLevel,
        String description,
        String creator,
        String creationDate,
        String deleteDate,
        String lastRotationDate,
        String materialExpireTime,
        String automaticRotation,
        String primaryKeyVersion,
        String deletionProtection) {
}
