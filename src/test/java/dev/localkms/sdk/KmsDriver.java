package dev.localkms.sdk;

import java.util.List;

/**
 * The KMS calls that tests make, implemented once per official SDK and signing mode. Failures surface
 * as {@link SdkError}, read from the SDK's own exception.
 */
public interface KmsDriver {

    /** Returns a short name for test reports, such as {@code tea-v3}. */
    String name();

    /** Returns the region this driver's requests act in. */
    String regionId();

    String createKey(String description);

    KeyView describeKey(String keyId);

    KeyPage listKeys(Integer pageNumber, Integer pageSize);

    void createAlias(String keyId, String aliasName);

    void updateAlias(String keyId, String aliasName);

    void deleteAlias(String aliasName);

    AliasPage listAliases(Integer pageNumber, Integer pageSize);

    AliasPage listAliasesByKeyId(String keyId, Integer pageNumber, Integer pageSize);

    /** A key as DescribeKey returns it. */
    record KeyView(String keyId, String arn, String keyState, String description, String creator) {
    }

    /** One page of ListKeys. */
    record KeyPage(int totalCount, int pageNumber, int pageSize, List<String> keyIds) {
    }

    /** One alias of a list reply. */
    record AliasView(String aliasName, String keyId, String aliasArn) {
    }

    /** One page of ListAliases or ListAliasesByKeyId. */
    record AliasPage(int totalCount, int pageNumber, int pageSize, List<AliasView> aliases) {
    }
}
