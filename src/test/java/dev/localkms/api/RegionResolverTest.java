package dev.localkms.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localkms.error.ErrorCode;
import dev.localkms.error.KmsException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RegionResolverTest {

    private static final String DEFAULT_REGION = "cn-hangzhou";

    @ParameterizedTest(name = "RegionId={0} Host={1}")
    @CsvSource(nullValues = "absent", value = {
        // RegionId, Host, expected region
        "cn-beijing,  kms.cn-shanghai.aliyuncs.com,          cn-beijing",
        "cn-beijing,  127.0.0.1:8080,                        cn-beijing",
        "ap-southeast-1, absent,                             ap-southeast-1",
        "absent,      kms.cn-shanghai.aliyuncs.com,          cn-shanghai",
        "'',          kms.cn-shanghai.aliyuncs.com,          cn-shanghai",
        "absent,      kms.cn-shanghai.aliyuncs.com:443,      cn-shanghai",
        "absent,      KMS.CN-SHANGHAI.ALIYUNCS.COM,          cn-shanghai",
        "absent,      kms-vpc.eu-central-1.aliyuncs.com,     eu-central-1",
        "absent,      kms-vpc.eu-central-1.aliyuncs.com:8443, eu-central-1",
        "absent,      127.0.0.1:8080,                        cn-hangzhou",
        "absent,      localhost,                             cn-hangzhou",
        "absent,      ecs.cn-shanghai.aliyuncs.com,          cn-hangzhou",
        "absent,      kms.cn-shanghai.example.com,           cn-hangzhou",
        "absent,      kms.aliyuncs.com,                      cn-hangzhou",
        "absent,      evil.kms.cn-shanghai.aliyuncs.com,     cn-hangzhou",
        "absent,      kms.x.aliyuncs.com,                    cn-hangzhou",
        "absent,      kms.-.aliyuncs.com,                    cn-hangzhou",
        "absent,      kms.shanghai.aliyuncs.com,             cn-hangzhou",
        "absent,      '',                                    cn-hangzhou",
        "absent,      absent,                                cn-hangzhou"
    })
    void resolvesRegion(String regionId, String host, String expected) {
        assertThat(RegionResolver.resolve(regionId, host, DEFAULT_REGION)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CN-HANGZHOU", "cn_hangzhou", "hangzhou", "cn-", "cn hangzhou", "cn-hangzhou/../x",
        "c-hangzhou"})
    void rejectsInvalidRegionId(String regionId) {
        assertThatThrownBy(() -> RegionResolver.resolve(regionId, "kms.cn-shanghai.aliyuncs.com", DEFAULT_REGION))
                .isInstanceOfSatisfying(KmsException.class, error -> {
                    assertThat(error.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER);
                    assertThat(error.getMessage()).contains("RegionId", regionId);
                });
    }
}
