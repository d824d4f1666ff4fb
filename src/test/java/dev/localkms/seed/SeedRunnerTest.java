package dev.localkms.seed;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.sql.SQLException;
import java.time.Duration;
import java.util.stream.Stream;

import dev.localkms.error.ErrorCode;
import dev.localkms.error.KmsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.dao.DataIntegrityViolationException;

class SeedRunnerTest {

    private final SeedLoader loader = mock(SeedLoader.class);
    private final SeedRunner runner = new SeedRunner(loader, Duration.ofMillis(1));

    @ParameterizedTest
    @MethodSource("concurrentCreations")
    void retriesEntryCreatedConcurrently(Throwable cause) throws Exception {
        doThrow(conflict(cause)).doReturn(true).when(loader).load();

        runner.run(new DefaultApplicationArguments());

        verify(loader, times(2)).load();
    }

    static Stream<Throwable> concurrentCreations() {
        return Stream.of(KmsException.of(ErrorCode.USER_ALREADY_EXISTS),
                KmsException.of(ErrorCode.ALIAS_ALREADY_EXISTS),
                new DataIntegrityViolationException("duplicate", new SQLException("duplicate key", "23505")));
    }

    @Test
    void failsAtOnceOnOtherErrors() {
        doThrow(conflict(KmsException.of(ErrorCode.KEY_NOT_FOUND))).when(loader).load();

        assertThatExceptionOfType(SeedFileException.class)
                .isThrownBy(() -> runner.run(new DefaultApplicationArguments()));
        verify(loader, times(1)).load();
    }

    @Test
    void stopsRetryingAfterTenAttempts() {
        doThrow(conflict(KmsException.of(ErrorCode.POLICY_ALREADY_EXISTS))).when(loader).load();

        assertThatExceptionOfType(SeedFileException.class)
                .isThrownBy(() -> runner.run(new DefaultApplicationArguments()));
        verify(loader, times(10)).load();
    }

    private static SeedFileException conflict(Throwable cause) {
        return new SeedFileException("classpath:seed.yml", "accounts[0].users[0]", cause.getMessage(), cause);
    }
}
