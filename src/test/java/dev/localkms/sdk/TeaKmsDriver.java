package dev.localkms.sdk;

import java.util.concurrent.Callable;

import com.aliyun.kms20160120.Client;
import com.aliyun.kms20160120.models.CreateAliasRequest;
import com.aliyun.kms20160120.models.CreateKeyRequest;
import com.aliyun.kms20160120.models.DeleteAliasRequest;
import com.aliyun.kms20160120.models.DescribeKeyRequest;
import com.aliyun.kms20160120.models.DescribeKeyResponseBody;
import com.aliyun.kms20160120.models.ListAliasesByKeyIdRequest;
import com.aliyun.kms20160120.models.ListAliasesByKeyIdResponseBody;
import com.aliyun.kms20160120.models.ListAliasesRequest;
import com.aliyun.kms20160120.models.ListAliasesResponseBody;
import com.aliyun.kms20160120.models.ListKeysRequest;
import com.aliyun.kms20160120.models.ListKeysResponseBody;
import com.aliyun.kms20160120.models.UpdateAliasRequest;
import com.aliyun.tea.TeaException;
import com.aliyun.teaopenapi.models.Config;

/** Drives the current KMS SDK, {@code com.aliyun:kms20160120}, with V3 signatures or, in v2 mode, V1. */
public class TeaKmsDriver implements KmsDriver {

    private final Client client;
    private final boolean v1;
    private final String regionId;

    public TeaKmsDriver(int port, String accessKeyId, String secret, boolean v1, String regionId) {
        this.v1 = v1;
        this.regionId = regionId;
        Config config = new Config()
                .setAccessKeyId(accessKeyId)
                .setAccessKeySecret(secret)
                .setEndpoint("127.0.0.1:" + port)
                .setProtocol("HTTP");
        if (v1) {
            config.setSignatureAlgorithm("v2");
        }
        try {
            this.client = new Client(config);
        } catch (Exception e) {
            throw new IllegalStateException("Could not create the kms20160120 client", e);
        }
    }

    /** Returns the SDK client for calls this driver does not wrap. */
    public Client client() {
        return client;
    }

    @Override
    public String name() {
        return v1 ? "kms20160120-v1" : "kms20160120-v3";
    }

    @Override
    public String regionId() {
        return regionId;
    }

    @Override
    public String createKey(String description) {
        return call(() -> client.createKey(new CreateKeyRequest().setDescription(description))
                .getBody().getKeyMetadata().getKeyId());
    }

    @Override
    public KeyView describeKey(String keyId) {
        DescribeKeyResponseBody.DescribeKeyResponseBodyKeyMetadata metadata =
                call(() -> client.describeKey(new DescribeKeyRequest().setKeyId(keyId)).getBody().getKeyMetadata());
        return new KeyView(metadata.getKeyId(), metadata.getArn(), metadata.getKeyState(), metadata.getDescription(),
                metadata.getCreator());
    }

    @Override
    public KeyPage listKeys(Integer pageNumber, Integer pageSize) {
        ListKeysResponseBody body = call(() -> client.listKeys(
                new ListKeysRequest().setPageNumber(pageNumber).setPageSize(pageSize)).getBody());
        return new KeyPage(body.getTotalCount(), body.getPageNumber(), body.getPageSize(),
                body.getKeys().getKey().stream().map(ListKeysResponseBody.ListKeysResponseBodyKeysKey::getKeyId)
                        .toList());
    }

    @Override
    public void createAlias(String keyId, String aliasName) {
        call(() -> client.createAlias(new CreateAliasRequest().setKeyId(keyId).setAliasName(aliasName)));
    }

    @Override
    public void updateAlias(String keyId, String aliasName) {
        call(() -> client.updateAlias(new UpdateAliasRequest().setKeyId(keyId).setAliasName(aliasName)));
    }

    @Override
    public void deleteAlias(String aliasName) {
        call(() -> client.deleteAlias(new DeleteAliasRequest().setAliasName(aliasName)));
    }

    @Override
    public AliasPage listAliases(Integer pageNumber, Integer pageSize) {
        ListAliasesResponseBody body = call(() -> client.listAliases(
                new ListAliasesRequest().setPageNumber(pageNumber).setPageSize(pageSize)).getBody());
        return new AliasPage(body.getTotalCount(), body.getPageNumber(), body.getPageSize(),
                body.getAliases().getAlias().stream()
                        .map(alias -> new AliasView(alias.getAliasName(), alias.getKeyId(), alias.getAliasArn()))
                        .toList());
    }

    @Override
    public AliasPage listAliasesByKeyId(String keyId, Integer pageNumber, Integer pageSize) {
        ListAliasesByKeyIdResponseBody body = call(() -> client.listAliasesByKeyId(
                new ListAliasesByKeyIdRequest().setKeyId(keyId).setPageNumber(pageNumber).setPageSize(pageSize))
                .getBody());
        return new AliasPage(body.getTotalCount(), body.getPageNumber(), body.getPageSize(),
                body.getAliases().getAlias().stream()
                        .map(alias -> new AliasView(alias.getAliasName(), alias.getKeyId(), alias.getAliasArn()))
                        .toList());
    }

    /** Runs an SDK call, turning its {@link TeaException} into an {@link SdkError}. */
    public static <T> T call(Callable<T> call) {
        try {
            return call.call();
        } catch (TeaException e) {
            throw new SdkError(e.getCode(), e.getStatusCode() == null ? -1 : e.getStatusCode(), e.getMessage(), e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("The SDK call failed without an error reply", e);
        }
    }
}
