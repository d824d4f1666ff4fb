package dev.localkms.logscan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class SecretScannerTest {

    private static final String LOG = """
            2026-12-04T21:00:00.000Z  INFO [main] d.l.account.DefaultAccountInitializer : Default account 1234567890123456
            2026-12-04T21:00:01.000Z  INFO [exec-1] dev.localkms.requests : action=Encrypt status=200 code=-
            """;

    @Test
    void plantedSecretIsFound() {
        SecretScanner scanner = new SecretScanner(List.of("LocalKmsRootSecret000000000000", "my plaintext value"));
        String planted = LOG + "2026-12-04T21:00:02.000Z ERROR [exec-2] x : failed for LocalKmsRootSecret000000000000\n";

        List<SecretScanner.Finding> findings = scanner.scan(planted);

        assertThat(findings).extracting(SecretScanner.Finding::secret).containsExactly("LocalKmsRootSecret000000000000");
        assertThat(findings.get(0).offset()).isEqualTo(planted.indexOf("LocalKmsRootSecret"));
    }

    @Test
    void cleanLogHasNoFindings() {
        SecretScanner scanner = new SecretScanner(List.of("LocalKmsRootSecret000000000000", "my plaintext value"));

        assertThat(scanner.scan(LOG)).isEmpty();
    }

    @Test
    void secretsSharingPrefixAreBothFound() {
        SecretScanner scanner = new SecretScanner(List.of("SeedSecretA00001", "SeedSecretB00002"));

        assertThat(scanner.scan("x SeedSecretB00002 y SeedSecretA00001")).extracting(SecretScanner.Finding::secret)
                .containsExactly("SeedSecretB00002", "SeedSecretA00001");
    }

    @Test
    void shortValuesAreSkipped() {
        SecretScanner scanner = new SecretScanner(List.of("abc", "1234567", "12345678"));

        assertThat(scanner.size()).isOne();
        assertThat(scanner.scan("abc 1234567 12345678")).singleElement().extracting(SecretScanner.Finding::secret)
                .isEqualTo("12345678");
    }

    @Test
    void findingIsMasked() {
        assertThat(new SecretScanner.Finding("LocalKmsRootSecret", 0).masked()).isEqualTo("Loc*************** (18 characters)");
    }
}
