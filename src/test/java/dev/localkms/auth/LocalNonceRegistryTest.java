package dev.localkms.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class LocalNonceRegistryTest implements NonceRegistryContract {

    private final LocalNonceRegistry registry = new LocalNonceRegistry();

    @Override
    public NonceRegistry registry() {
        return registry;
    }

    @Test
    void nonceRejectedThroughExpirySecond() {
        Instant expiresAt = Instant.parse("2026-01-01T00:15:42Z");
        registry.register("LTAIkey", "n-1", NOW, expiresAt);

        assertThat(registry.register("LTAIkey", "n-1", expiresAt, expiresAt.plus(WINDOW))).isFalse();
        Instant justAfter = expiresAt.plusSeconds(1);
        assertThat(registry.register("LTAIkey", "n-1", justAfter, justAfter.plus(WINDOW))).isTrue();
    }

    @Test
    void passedMinutesDropped() {
        for (int i = 0; i < 10; i++) {
            Instant now = NOW.plusSeconds(60L * i);
            registry.register("LTAIkey", "n-" + i, now, now.plus(WINDOW));
        }
        assertThat(registry.size()).isEqualTo(10);

        Instant later = NOW.plus(WINDOW).plusSeconds(60L * 5);
        registry.register("LTAIkey", "later", later, later.plus(WINDOW));

        assertThat(registry.size()).isEqualTo(6);
        assertThat(registry.register("LTAIkey", "n-6", later, later.plus(WINDOW))).isFalse();
        assertThat(registry.register("LTAIkey", "n-4", later, later.plus(WINDOW))).isTrue();
    }

    @Test
    void earliestMinuteDroppedAboveCapacity() {
        LocalNonceRegistry small = new LocalNonceRegistry(4);
        small.register("LTAIkey", "first", NOW, NOW.plus(WINDOW));
        Instant nextMinute = NOW.plusSeconds(60);
        for (int i = 0; i < 4; i++) {
            small.register("LTAIkey", "next-" + i, nextMinute, nextMinute.plus(WINDOW));
        }

        assertThat(small.size()).isEqualTo(4);
        assertThat(small.register("LTAIkey", "first", nextMinute, nextMinute.plus(WINDOW))).isTrue();
        assertThat(small.register("LTAIkey", "next-0", nextMinute, nextMinute.plus(WINDOW))).isFalse();
    }

    @Test
    void lastMinuteKeptAboveCapacity() {
        LocalNonceRegistry small = new LocalNonceRegistry(2);
        for (int i = 0; i < 5; i++) {
            assertThat(small.register("LTAIkey", "n-" + i, NOW, NOW.plus(WINDOW))).isTrue();
        }

        assertThat(small.register("LTAIkey", "n-0", NOW, NOW.plus(WINDOW))).isFalse();
    }
}
