package dev.localkms.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.localkms.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class JdbcNonceRegistryIT extends IntegrationTest {

    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Autowired
    private JdbcNonceRegistry registry;

    @Test
    void newNonceRegistered() {
        assertThat(registry.register("LTAIkey", nonce(), NOW, NOW.plus(WINDOW))).isTrue();
    }

    @Test
    void recordedNonceRejected() {
        String nonce = nonce();
        registry.register("LTAIkey", nonce, NOW, NOW.plus(WINDOW));

        assertThat(registry.register("LTAIkey", nonce, NOW.plusSeconds(60), NOW.plusSeconds(60).plus(WINDOW))).isFalse();
    }

    @Test
    void expiredNonceRegisteredAgain() {
        String nonce = nonce();
        registry.register("LTAIkey", nonce, NOW, NOW.plus(WINDOW));
        Instant later = NOW.plus(WINDOW).plusSeconds(1);

        assertThat(registry.register("LTAIkey", nonce, later, later.plus(WINDOW))).isTrue();
        assertThat(registry.register("LTAIkey", nonce, later, later.plus(WINDOW))).isFalse();
    }

    @Test
    void sameNonceOfOtherKeyRegistered() {
        String nonce = nonce();
        registry.register("LTAIkey", nonce, NOW, NOW.plus(WINDOW));

        assertThat(registry.register("LTAIotherKey", nonce, NOW, NOW.plus(WINDOW))).isTrue();
    }

    private static String nonce() {
        return UUID.randomUUID().toString();
    }
}
