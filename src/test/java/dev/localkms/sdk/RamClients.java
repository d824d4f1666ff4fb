package dev.localkms.sdk;

import com.aliyun.ram20150501.Client;
import com.aliyun.teaopenapi.models.Config;

/** Creates clients of the official RAM SDK, {@code com.aliyun:ram20150501}, for the local endpoint. */
public final class RamClients {

    private RamClients() {
    }

    /**
     * Returns a RAM client that signs with the given access key.
     *
     * @param v1 whether to sign with V1 (HMAC-SHA1, the SDK's "v2" setting) instead of V3 (ACS3-HMAC-SHA256)
     */
    public static Client client(int port, String accessKeyId, String secret, boolean v1) {
        Config config = new Config()
                .setAccessKeyId(accessKeyId)
                .setAccessKeySecret(secret)
                .setEndpoint("127.0.0.1:" + port)
                .setProtocol("HTTP");
        if (v1) {
            config.setSignatureAlgorithm("v2");
        }
        try {
            return new Client(config);
        } catch (Exception e) {
            throw new IllegalStateException("Could not create the ram20150501 client", e);
        }
    }
}
