package dev.localkms.ram.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionOperatorTest {

    @ParameterizedTest(name = "{0} {1} against \"{2}\": {3}")
    @CsvSource(delimiter = '|', textBlock = """
            StringEquals              | "dev"                                  | dev                      | true
            StringEquals              | "dev"                                  | Dev                      | false
            StringEquals              | ["test", "dev"]                        | dev                      | true
            StringEquals              | ["test", "prod"]                       | dev                      | false
            StringEquals              | 10                                     | 10                       | true
            StringEquals              | true                                   | true                     | true
            StringNotEquals           | "dev"                                  | prod                     | true
            StringNotEquals           | ["dev", "prod"]                        | prod                     | false
            StringNotEquals           | "dev"                                  | Dev                      | true
            StringEqualsIgnoreCase    | "dev"                                  | DEV                      | true
            StringEqualsIgnoreCase    | "dev"                                  | prod                     | false
            StringNotEqualsIgnoreCase | "dev"                                  | prod                     | true
            StringNotEqualsIgnoreCase | "dev"                                  | DEV                      | false
            StringLike                | "alias/team-*"                         | alias/team-a             | true
            StringLike                | "alias/team-?"                         | alias/team-ab            | false
            StringLike                | "alias/team-?"                         | alias/team-b             | true
            StringLike                | "alias/Team-*"                         | alias/team-a             | false
            StringLike                | ["alias/a*", "alias/b*"]               | alias/b1                 | true
            StringNotLike             | "alias/team-*"                         | alias/other              | true
            StringNotLike             | ["alias/a*", "alias/team-*"]           | alias/team-a             | false
            NumericEquals             | 10                                     | 10.0                     | true
            NumericEquals             | "10"                                   | 11                       | false
            NumericEquals             | 0.1                                    | 0.10                     | true
            NumericEquals             | [1, 2, 3]                              | 3                        | true
            NumericEquals             | 10                                     | ten                      | false
            NumericNotEquals          | 10                                     | 11                       | true
            NumericNotEquals          | [10, 11]                               | 11                       | false
            NumericNotEquals          | 10                                     | ten                      | false
            NumericLessThan           | 10                                     | 9.5                      | true
            NumericLessThan           | 10                                     | 10                       | false
            NumericLessThanEquals     | 10                                     | 10                       | true
            NumericLessThanEquals     | 10                                     | 10.01                    | false
            NumericGreaterThan        | 10                                     | 10.01                    | true
            NumericGreaterThan        | 10                                     | 10                       | false
            NumericGreaterThanEquals  | 10                                     | 10                       | true
            NumericGreaterThanEquals  | -1                                     | -2                       | false
            DateEquals                | "2019-08-12T17:00:00+08:00"            | 2019-08-12T09:00:00Z     | true
            DateEquals                | "2019-08-12T17:00:00+08:00"            | 2019-08-12T17:00:00Z     | false
            DateEquals                | 1565600400                             | 2019-08-12T09:00:00Z     | true
            DateEquals                | "1565600400"                           | 2019-08-12T09:00:01Z     | false
            DateEquals                | "2019-08-12T17:00:00+08:00"            | yesterday                | false
            DateNotEquals             | "2019-08-12T17:00:00+08:00"            | 2019-08-12T17:00:00Z     | true
            DateNotEquals             | "2019-08-12T17:00:00+08:00"            | 2019-08-12T09:00:00Z     | false
            DateLessThan              | "2019-08-12T17:00:00+08:00"            | 2019-08-12T08:59:59Z     | true
            DateLessThan              | "2019-08-12T17:00:00+08:00"            | 2019-08-12T09:00:00Z     | false
            DateLessThan              | "2019-08-12T09:00:00Z"                 | 2019-08-12T08:59:59.500Z | true
            DateLessThanEquals        | "2019-08-12T17:00:00+08:00"            | 2019-08-12T09:00:00Z     | true
            DateLessThanEquals        | "2019-08-12T17:00:00+08:00"            | 2019-08-12T09:00:01Z     | false
            DateGreaterThan           | "2019-08-12T17:00:00+08:00"            | 2019-08-12T09:00:01Z     | true
            DateGreaterThan           | "2019-08-12T17:00:00+08:00"            | 2019-08-12T09:00:00Z     | false
            DateGreaterThanEquals     | "2019-08-12T17:00:00+08:00"            | 2019-08-12T09:00:00Z     | true
            DateGreaterThanEquals     | 1565600400                             | 2019-08-12T08:59:59Z     | false
            Bool                      | "true"                                 | true                     | true
            Bool                      | true                                   | true                     | true
            Bool                      | false                                  | true                     | false
            Bool                      | "false"                                | false                    | true
            Bool                      | "TRUE"                                 | true                     | true
            Bool                      | true                                   | yes                      | false
            IpAddress                 | "192.168.1.0/24"                       | 192.168.1.10             | true
            IpAddress                 | "192.168.1.0/24"                       | 10.0.0.1                 | false
            IpAddress                 | ["10.0.0.0/8", "192.168.1.10"]         | 192.168.1.10             | true
            IpAddress                 | "192.168.1.10"                         | 192.168.1.11             | false
            IpAddress                 | "2001:db8::/32"                        | 2001:db8::5              | true
            IpAddress                 | "2001:db8::/32"                        | 192.168.1.10             | false
            NotIpAddress              | "192.168.1.0/24"                       | 10.0.0.1                 | true
            NotIpAddress              | ["10.0.0.0/8", "192.168.1.0/24"]       | 192.168.1.10             | false
            NotIpAddress              | "192.168.1.0/24"                       | not-an-ip                | false
            """)
    void comparesRequestValue(String operator, String listedValues, String requestValue, boolean expected) {
        Condition condition = parseCondition(operator, listedValues);

        assertThat(condition.isSatisfiedByValue(requestValue)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} fails without the key")
    @CsvSource(delimiter = '|', textBlock = """
            StringEquals              | "dev"
            StringNotEquals           | "dev"
            StringEqualsIgnoreCase    | "dev"
            StringNotEqualsIgnoreCase | "dev"
            StringLike                | "*"
            StringNotLike             | "dev"
            NumericEquals             | 1
            NumericNotEquals          | 1
            NumericLessThan           | 1
            NumericLessThanEquals     | 1
            NumericGreaterThan        | 1
            NumericGreaterThanEquals  | 1
            DateEquals                | "2019-08-12T17:00:00+08:00"
            DateNotEquals             | "2019-08-12T17:00:00+08:00"
            DateLessThan              | "2019-08-12T17:00:00+08:00"
            DateLessThanEquals        | "2019-08-12T17:00:00+08:00"
            DateGreaterThan           | "2019-08-12T17:00:00+08:00"
            DateGreaterThanEquals     | "2019-08-12T17:00:00+08:00"
            Bool                      | false
            IpAddress                 | "0.0.0.0/0"
            NotIpAddress              | "10.0.0.0/8"
            """)
    void failsWhenRequestLacksKey(String operator, String listedValues) {
        Condition condition = parseCondition(operator, listedValues);

        assertThat(condition.isSatisfiedByValue(null)).isFalse();
    }

    private static Condition parseCondition(String operator, String listedValues) {
        String json = """
                {"Version": "1", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*",
                  "Condition": {"%s": {"test:Key": %s}}}}""".formatted(operator, listedValues);
        return PolicyDocument.parse(json).statements().get(0).conditions().get(0);
    }
}
