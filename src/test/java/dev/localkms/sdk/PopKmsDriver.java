package dev.localkms.sdk;

import com.aliyuncs.AcsRequest;
import com.aliyuncs.AcsResponse;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.HttpResponse;
import com.aliyuncs.http.MethodType;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.kms.model.v20160120.CreateAliasRequest;
import com.aliyuncs.kms.model.v20160120.CreateKeyRequest;
import com.aliyuncs.kms.model.v20160120.DeleteAliasRequest;
import com.aliyuncs.kms.model.v20160120.DescribeKeyRequest;
import com.aliyuncs.kms.model.v20160120.DescribeKeyResponse;
import com.aliyuncs.kms.model.v20160120.ListAliasesByKeyIdRequest;
import com.aliyuncs.kms.model.v20160120.ListAliasesByKeyIdResponse;
import com.aliyuncs.kms.model.v20160120.ListAliasesRequest;
import com.aliyuncs.kms.model.v20160120.ListAliasesResponse;
import com.aliyuncs.kms.model.v20160120.ListKeysRequest;
import com.aliyuncs.kms.model.v20160120.ListKeysResponse;
import com.aliyuncs.kms.model.v20160120.UpdateAliasRequest;
import com.aliyuncs.profile.DefaultProfile;
import com.aliyuncs.profile.IClientProfile;

/** Drives the legacy KMS SDK, {@code aliyun-java-sdk-kms} on {@code aliyun-java-sdk-core}, signing with V1. */
public class PopKmsDriver implements KmsDriver {

    private final StatusRecordingClient client;
    private final int port;
    private final String regionId;
    private final MethodType method;

    public PopKmsDriver(int port, String accessKeyId, String secret, String regionId, MethodType method) {
        this.client = new StatusRecordingClient(DefaultProfile.getProfile(regionId, accessKeyId, secret));
        this.port = port;
        this.regionId = regionId;
        this.method = method;
    }

    @Override
    public String name() {
        return "aliyun-java-sdk-kms-" + method.name().toLowerCase();
    }

    @Override
    public String regionId() {
        return regionId;
    }

    @Override
    public String createKey(String description) {
        CreateKeyRequest request = new CreateKeyRequest();
        request.setDescription(description);
        return call(request).getKeyMetadata().getKeyId();
    }

    @Override
    public KeyView describeKey(String keyId) {
        DescribeKeyRequest request = new DescribeKeyRequest();
        request.setKeyId(keyId);
        DescribeKeyResponse.KeyMetadata metadata = call(request).getKeyMetadata();
        return new KeyView(metadata.getKeyId(), metadata.getArn(), metadata.getKeyState(), metadata.getDescription(),
                metadata.getCreator());
    }

    @Override
    public KeyPage listKeys(Integer pageNumber, Integer pageSize) {
        ListKeysRequest request = new ListKeysRequest();
        request.setPageNumber(pageNumber);
        request.setPageSize(pageSize);
        ListKeysResponse response = call(request);
        return new KeyPage(response.getTotalCount(), response.getPageNumber(), response.getPageSize(),
                response.getKeys().stream().map(ListKeysResponse.Key::getKeyId).toList());
    }

    @Override
    public void createAlias(String keyId, String aliasName) {
        CreateAliasRequest request = new CreateAliasRequest();
        request.setKeyId(keyId);
        request.setAliasName(aliasName);
        call(request);
    }

    @Override
    public void updateAlias(String keyId, String aliasName) {
        UpdateAliasRequest request = new UpdateAliasRequest();
        request.setKeyId(keyId);
        request.setAliasName(aliasName);
        call(request);
    }

    @Override
    public void deleteAlias(String aliasName) {
        DeleteAliasRequest request = new DeleteAliasRequest();
        request.setAliasName(aliasName);
        call(request);
    }

    @Override
    public AliasPage listAliases(Integer pageNumber, Integer pageSize) {
        ListAliasesRequest request = new ListAliasesRequest();
        request.setPageNumber(pageNumber);
        request.setPageSize(pageSize);
        ListAliasesResponse response = call(request);
        return new AliasPage(response.getTotalCount(), response.getPageNumber(), response.getPageSize(),
                response.getAliases().stream()
                        .map(alias -> new AliasView(alias.getAliasName(), alias.getKeyId(), alias.getAliasArn()))
                        .toList());
    }

    @Override
    public AliasPage listAliasesByKeyId(String keyId, Integer pageNumber, Integer pageSize) {
        ListAliasesByKeyIdRequest request = new ListAliasesByKeyIdRequest();
        request.setKeyId(keyId);
        request.setPageNumber(pageNumber);
        request.setPageSize(pageSize);
        ListAliasesByKeyIdResponse response = call(request);
        return new AliasPage(response.getTotalCount(), response.getPageNumber(), response.getPageSize(),
                response.getAliases().stream()
                        .map(alias -> new AliasView(alias.getAliasName(), alias.getKeyId(), alias.getAliasArn()))
                        .toList());
    }

    /** Sends a request to the service under test, turning a {@link ClientException} into an {@link SdkError}. */
    public <T extends AcsResponse> T call(AcsRequest<T> request) {
        request.setSysEndpoint("127.0.0.1:" + port);
        request.setSysProtocol(ProtocolType.HTTP);
        request.setSysMethod(method);
        request.setSysRegionId(regionId);
        try {
            return client.getAcsResponse(request);
        } catch (ClientException e) {
            throw new SdkError(e.getErrCode(), client.lastStatus.get(), e.getErrMsg(), e);
        }
    }

    /** A client that remembers the HTTP status of its last reply on this thread, which exceptions omit. */
    private static final class StatusRecordingClient extends DefaultAcsClient {

        private final ThreadLocal<Integer> lastStatus = ThreadLocal.withInitial(() -> -1);

        StatusRecordingClient(IClientProfile profile) {
            super(profile);
        }

        @Override
        public <T extends AcsResponse> HttpResponse doAction(AcsRequest<T> request, boolean autoRetry, int maxRetry,
                IClientProfile profile) throws ClientException {
            HttpResponse response = super.doAction(request, autoRetry, maxRetry, profile);
            lastStatus.set(response.getStatus());
            return response;
        }
    }
}
