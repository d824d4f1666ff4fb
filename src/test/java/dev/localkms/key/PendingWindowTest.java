package dev.localkms.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.localkms.error.ErrorCode;
import dev.localkms.error.KmsException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PendingWindowTest {

    @ParameterizedTest
    @CsvSource({"7, 7", "30, 30", "366, 366", "' 8 ', 8", "007, 7"})
    void windowWithinRangeIsParsed(String value, int expectedDays) {
        assertThat(KeyLifecycleService.parsePendingWindow(value)).isEqualTo(expectedDays);
    }

    @ParameterizedTest
    @ValueSource(strings = {"6", "0", "-7", "367", "2147483648", "seven", "7.0", "7d", ""})
    void windowOutsideRuleIsInvalidParameter(String value) {
        KmsException error = catchThrowableOfType(KmsException.class,
                () -> KeyLifecycleService.parsePendingWindow(value));

        assertThat(error).as("error").isNotNull();
        assertThat(error.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER);
        assertThat(error.getMessage()).as("message").contains("PendingWindowInDays", "7", "366");
    }
}
