package dev.localkms.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.util.Map;

import dev.localkms.account.AccountService;
import dev.localkms.auth.NonceRegistry;
import dev.localkms.error.ErrorCode;
import dev.localkms.error.KmsException;
import dev.localkms.seed.SeedFileException;
import dev.localkms.seed.SeedLoader;
import dev.localkms.support.TestKmsProperties;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** A reset checks the seed file before it deletes anything. */
class ResetServiceTest {

    @Test
    void badSeedFileDeletesNothing() {
        JdbcTemplate jdbc = mock(JdbcTemplate.class);
        SeedLoader seedLoader = mock(SeedLoader.class);
        doThrow(new SeedFileException("/tmp/seed.yml", "accounts[0]", "\"x\" is not an account ID", null))
                .when(seedLoader).verifyFile();
        ResetService resets = new ResetService(jdbc, mock(TransactionTemplate.class), mock(AccountService.class),
                seedLoader, TestKmsProperties.with(Map.of("seed-file", "/tmp/seed.yml")), mock(NonceRegistry.class));

        assertThatThrownBy(() -> resets.reset(true)).isInstanceOfSatisfying(KmsException.class, error -> {
            assertThat(error.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER);
            assertThat(error.getMessage()).contains("/tmp/seed.yml").contains("Nothing was deleted");
        });
        verify(jdbc, never()).update(anyString());
    }
}
