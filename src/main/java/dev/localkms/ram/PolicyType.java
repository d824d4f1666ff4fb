package dev.localkms.ram;

import java.util.Arrays;

import dev.localkms.error.ErrorCode;
import dev.localkms.error.KmsException;

/** Kind of RAM policy: built into the service, or created by the account. */
public enum PolicyType {
    SYSTEM("System"),
    CUSTOM("Custom");

    private final String wireName;

    PolicyType(String wireName) {
        this.wireName = wireName;
    }

    /** Returns the name used on the wire and in the {@code user_policy} table. */
    public String wireName() {
        return wireName;
    }

    /**
     * Returns the type with this wire name, compared exactly.
     *
     * @throws KmsException {@code InvalidParameter.PolicyType} for any other value
     */
    public static PolicyType fromWireName(String wireName) {
        return Arrays.stream(values())
                .filter(type -> type.wireName.equals(wireName))
                .findFirst()
                .orElseThrow(() -> KmsException.of(ErrorCode.POLICY_TYPE_INVALID));
    }
}
