package dev.localkms.ram.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressRangeTest {

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            192.168.1.10         | 192.168.1.10          | true
            192.168.1.10         | 192.168.1.11          | false
            192.168.1.10/32      | 192.168.1.10          | true
            192.168.1.0/24       | 192.168.1.255         | true
            192.168.1.0/24       | 192.168.2.1           | false
            10.0.0.0/8           | 10.255.0.1            | true
            10.0.0.0/8           | 11.0.0.1              | false
            172.16.0.0/12        | 172.31.255.255        | true
            172.16.0.0/12        | 172.32.0.0            | false
            192.168.1.128/25     | 192.168.1.200         | true
            192.168.1.128/25     | 192.168.1.100         | false
            10.1.2.3/8           | 10.9.9.9              | true
            0.0.0.0/0            | 8.8.8.8               | true
            0.0.0.0/0            | 2001:db8::1           | false
            2001:db8::/32        | 2001:db8:ffff::1      | true
            2001:db8::/32        | 2001:db9::1           | false
            2001:db8::1          | 2001:0db8:0:0:0:0:0:1 | true
            2001:db8::1          | 2001:db8::2           | false
            fe80::/10            | febf::1               | true
            fe80::/10            | fec0::1               | false
            ::/0                 | 10.0.0.1              | false
            10.0.0.0/8           | ::ffff:10.1.2.3       | true
            """)
    void containsAddress(String range, String address, boolean expected) {
        byte[] addressBytes = IpAddressRange.parseAddress(address).orElseThrow();

        assertThat(IpAddressRange.parse(range).contains(addressBytes)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "rejects \"{0}\"")
    @ValueSource(strings = {"", "localhost", "example.com", "256.0.0.1", "1.2.3", "1.2.3.4.5", "1", "10.0.0.0/33",
            "10.0.0.0/-1", "10.0.0.0/", "10.0.0.0/a", "2001:db8::/129", "2001:db8:::1", "2001:db8::g",
            "fe80::1%eth0", "[::1]", "10.0.0.0/8/8"})
    void rejectsInvalidRange(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> IpAddressRange.parse(text));
    }

    @ParameterizedTest(name = "\"{0}\" is no address")
    @ValueSource(strings = {"", "localhost", "kms.cn-hangzhou.aliyuncs.com", "999.1.1.1", "1.2.3", "::g", "1:::2"})
    void parseAddressRejectsNonLiterals(String text) {
        assertThat(IpAddressRange.parseAddress(text)).isEmpty();
    }
}
