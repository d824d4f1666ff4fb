package dev.localkms.alias;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localkms.error.ErrorCode;
import dev.localkms.error.KmsException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AliasNamesTest {

    private static final String MAX_SUFFIX = "a".repeat(255);

    @ParameterizedTest
    @ValueSource(strings = {
        "alias/a",
        "alias/example",
        "alias/Example_Key-01",
        "alias/team/app/prod",
        "alias/-leading-dash",
        "alias/_",
        "alias//",
        "alias/0123456789",
        // The reserved prefix is compared case-sensitively, as names are, so these are custom names.
        "alias/ACS/oss",
        "alias/Acs",
        "alias/ac",
        "alias/my-acs"
    })
    void acceptsValidName(String aliasName) {
        assertThatCode(() -> AliasNames.verify(aliasName)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 254, 255})
    void acceptsSuffixLengthWithinLimit(int length) {
        String aliasName = "alias/" + MAX_SUFFIX.substring(0, length);

        assertThatCode(() -> AliasNames.verify(aliasName)).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "example            | must start with \"alias/\"",
        "Alias/example      | must start with \"alias/\"",
        "ALIAS/example      | must start with \"alias/\"",
        "alias              | must start with \"alias/\"",
        "/alias/example     | must start with \"alias/\"",
        "alias/             | needs 1 to 255 characters",
        "'alias/has space'  | may contain only letters",
        "alias/has.dot      | may contain only letters",
        "alias/colon:name   | may contain only letters",
        "alias/star*        | may contain only letters",
        "alias/plus+        | may contain only letters",
        "alias/ümlaut       | may contain only letters",
        "alias/acs          | reserved",
        "alias/acs/oss      | reserved",
        "alias/acs/         | reserved",
        "alias/acsfoo       | reserved"
    })
    void rejectsInvalidName(String aliasName, String rule) {
        assertThatThrownBy(() -> AliasNames.verify(aliasName))
                .isInstanceOfSatisfying(KmsException.class, error -> {
                    assertThat(error.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER);
                    assertThat(error.getMessage()).contains("AliasName", aliasName, rule);
                });
    }

    @ParameterizedTest
    @ValueSource(ints = {256, 300, 1000})
    void rejectsSuffixLongerThan255(int length) {
        String aliasName = "alias/" + "b".repeat(length);

        assertThatThrownBy(() -> AliasNames.verify(aliasName))
                .isInstanceOfSatisfying(KmsException.class, error -> {
                    assertThat(error.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER);
                    assertThat(error.getMessage())
                            .contains("AliasName", aliasName.substring(0, 64), "has " + length + " characters");
                });
    }
}
