package dev.localkms.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** What every {@link NonceRegistry} does. A test class implements it and supplies the registry. */
interface NonceRegistryContract {

    Duration WINDOW = Duration.ofMinutes(15);
    Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    NonceRegistry registry();

    @Test
    default void newNonceRegistered() {
        assertThat(registry().register("LTAIkey", nonce(), NOW, NOW.plus(WINDOW))).isTrue();
    }

    @Test
    default void recordedNonceRejected() {
        String nonce = nonce();
        registry().register("LTAIkey", nonce, NOW, NOW.plus(WINDOW));

        assertThat(registry().register("LTAIkey", nonce, NOW.plusSeconds(60), NOW.plusSeconds(60).plus(WINDOW))).isFalse();
    }

    @Test
    default void expiredNonceRegisteredAgain() {
        String nonce = nonce();
        registry().register("LTAIkey", nonce, NOW, NOW.plus(WINDOW));
        Instant later = NOW.plus(WINDOW).plusSeconds(1);

        assertThat(registry().register("LTAIkey", nonce, later, later.plus(WINDOW))).isTrue();
        assertThat(registry().register("LTAIkey", nonce, later, later.plus(WINDOW))).isFalse();
    }

    @Test
    default void sameNonceOfOtherKeyRegistered() {
        String nonce = nonce();
        registry().register("LTAIkey", nonce, NOW, NOW.plus(WINDOW));

        assertThat(registry().register("LTAIotherKey", nonce, NOW, NOW.plus(WINDOW))).isTrue();
    }

    @Test
    default void concurrentReplaysAcceptOnlyOne() throws Exception {
        String nonce = nonce();

        List<Boolean> results = registerConcurrently(IntStream.range(0, 32)
                .mapToObj(i -> (Callable<Boolean>) () -> registry().register("LTAIkey", nonce, NOW, NOW.plus(WINDOW)))
                .toList());

        assertThat(results).containsOnlyOnce(true);
        assertThat(results).filteredOn(accepted -> !accepted).hasSize(31);
    }

    @Test
    default void concurrentDistinctNoncesAllAccepted() throws Exception {
        List<Boolean> results = registerConcurrently(IntStream.range(0, 300)
                .mapToObj(i -> (Callable<Boolean>) () -> registry().register("LTAIkey" + (i % 3), nonce(), NOW,
                        NOW.plus(WINDOW)))
                .toList());

        assertThat(results).hasSize(300).containsOnly(true);
    }

    @Test
    default void forgottenNonceRegisteredAgain() {
        String nonce = nonce();
        registry().register("LTAIkey", nonce, NOW, NOW.plus(WINDOW));

        registry().forgetAll();

        assertThat(registry().register("LTAIkey", nonce, NOW, NOW.plus(WINDOW))).isTrue();
    }

    /** Runs the registrations from 16 threads at once, so that many of them are pending together. */
    static List<Boolean> registerConcurrently(List<Callable<Boolean>> registrations) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            List<Boolean> results = new ArrayList<>();
            for (Future<Boolean> result : threads.invokeAll(registrations)) {
                results.add(result.get());
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }

    static String nonce() {
        return UUID.randomUUID().toString();
    }
}
