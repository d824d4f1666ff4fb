package dev.localkms.ram.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WildcardMatcherTest {

    @ParameterizedTest(name = "\"{0}\" against \"{1}\", ignoreCase={2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            *                  | anything                 | false | true
            *                  | ''                       | false | true
            ''                 | ''                       | false | true
            ''                 | a                        | false | false
            kms:*              | kms:CreateAlias          | false | true
            kms:*              | ram:CreateUser           | false | false
            kms:List*          | kms:ListAliases          | false | true
            kms:List*          | kms:List                 | false | true
            kms:List*          | kms:DescribeKey          | false | false
            *Alias             | kms:CreateAlias          | false | true
            *b                 | ab                       | false | true
            *lias              | kms:CreateAlias          | false | true
            *-1                | key-id-1                 | false | true
            *Alias             | kms:CreateAliases        | false | false
            kms:*Alias*        | kms:ListAliasesByKeyId   | false | true
            kms:?reateAlias    | kms:CreateAlias          | false | true
            kms:?reateAlias    | kms:reateAlias           | false | false
            kms:??eateAlias    | kms:CreateAlias          | false | true
            key/key-id-?       | key/key-id-1             | false | true
            key/key-id-?       | key/key-id-12            | false | false
            key/key-id-?       | key/key-id-              | false | false
            a*b*c              | aXXbYYc                  | false | true
            a*b*c              | aXXbYY                   | false | false
            a*b*c              | abcbc                    | false | true
            *a*a*a*b           | aaaaaaaaaaaaaaaaaaaaaaaa | false | false
            *?                 | x                        | false | true
            *?                 | ''                       | false | false
            kms:CreateAlias    | kms:createalias          | false | false
            kms:CreateAlias    | kms:createalias          | true  | true
            kms:create*        | KMS:CREATEALIAS          | true  | true
            kms:Create?lias    | kms:createALIAS          | true  | true
            alias/Example      | alias/example            | false | false
            """)
    void matchesWildcards(String pattern, String text, boolean ignoreCase, boolean expected) {
        assertThat(WildcardMatcher.matches(pattern, text, ignoreCase)).isEqualTo(expected);
    }
}
