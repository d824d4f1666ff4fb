package dev.localkms.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.DataIntegrityViolationException;

class DatabaseErrorsTest {

    @ParameterizedTest
    @MethodSource("errors")
    void classifiesBySqlState(Throwable error, boolean unique, boolean foreignKey) {
        assertThat(DatabaseErrors.isUniqueViolation(error)).as("unique violation").isEqualTo(unique);
        assertThat(DatabaseErrors.isForeignKeyViolation(error)).as("foreign key violation").isEqualTo(foreignKey);
    }

    static Stream<Arguments> errors() {
        SQLException duplicate = new SQLException("duplicate key", "23505");
        SQLException missingKey = new SQLException("missing key", "23503");
        SQLException notNull = new SQLException("null value", "23502");
        return Stream.of(
                Arguments.of(duplicate, true, false),
                Arguments.of(new DataIntegrityViolationException("wrapped", new RuntimeException(duplicate)), true,
                        false),
                Arguments.of(new DataIntegrityViolationException("wrapped", missingKey), false, true),
                Arguments.of(new DataIntegrityViolationException("wrapped", notNull), false, false),
                Arguments.of(new IllegalStateException("no SQL cause"), false, false));
    }
}
