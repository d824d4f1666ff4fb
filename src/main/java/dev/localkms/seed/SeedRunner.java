package dev.localkms.seed;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Applies the configured seed file at start-up, after the default account exists. */
@Component
@Order(10)
class SeedRunner implements ApplicationRunner {

    private final SeedLoader loader;

    SeedRunner(SeedLoader loader) {
        this.loader = loader;
    }

    @Override
    public void run(ApplicationArguments args) {
        loader.load();
    }
}
