package dev.localkms.key;

/**
 * The fixed properties of a new key, checked against what the service supports.
 *
 * @param keySpec {@code Aliyun_AES_256} and the like
 * @param keyUsage {@code ENCRYPT/DECRYPT}
 * @param origin {@code Aliyun_KMS}
 * @param protectionLevel {@code SOFTWARE} or {@code HSM}
 */
public record KeySpecification(String keySpec, String keyUsage, String origin, String protectionLevel) {

    public static final String DEFAULT_KEY_SPEC = "Aliyun_AES_256";
    public static final String ENCRYPT_DECRYPT = "ENCRYPT/DECRYPT";
    public static final String ORIGIN_KMS = "Aliyun_KMS";
    public static final String SOFTWARE = "SOFTWARE";

    /** Returns the AES key length in bytes for this spec. */
    public int materialLength() {
        return switch (keySpec) {
            case "Aliyun_AES_128" -> 16;
            case "Aliyun_AES_192" -> 24;
            default -> 32;
        };
    }
}
