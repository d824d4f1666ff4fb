package dev.localkms.ram.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestContextTest {

    private static final RequestContext CONTEXT =
            new RequestContext("192.168.1.10", Instant.parse("2019-08-12T09:00:00Z"), true);

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            acs:SourceIp        | 192.168.1.10
            ACS:SOURCEIP        | 192.168.1.10
            acs:sourceip        | 192.168.1.10
            acs:CurrentTime     | 2019-08-12T09:00:00Z
            acs:currenttime     | 2019-08-12T09:00:00Z
            acs:SecureTransport | true
            Acs:secureTransport | true
            """)
    void providesGlobalKey(String key, String expected) {
        assertThat(CONTEXT.conditionValue(key)).contains(expected);
    }

    @ParameterizedTest(name = "{0} is absent")
    @ValueSource(strings = {"acs:MFAPresent", "acs:SourceIpAddress", "kms:tag/team", "SourceIp", ""})
    void lacksUnknownKey(String key) {
        assertThat(CONTEXT.conditionValue(key)).isEmpty();
    }

    @ParameterizedTest(name = "secureTransport={0} gives \"{0}\"")
    @ValueSource(booleans = {true, false})
    void providesSecureTransportAsText(boolean secureTransport) {
        RequestContext context = new RequestContext("10.0.0.1", Instant.EPOCH, secureTransport);

        assertThat(context.conditionValue(RequestContext.SECURE_TRANSPORT)).contains(Boolean.toString(secureTransport));
    }

    @ParameterizedTest(name = "{0} is absent when unknown")
    @ValueSource(strings = {RequestContext.SOURCE_IP, RequestContext.CURRENT_TIME})
    void lacksKeyWithoutValue(String key) {
        RequestContext context = new RequestContext(null, null, false);

        assertThat(context.conditionValue(key)).isEmpty();
    }
}
