package dev.localkms.seed;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import dev.localkms.common.DatabaseErrors;
import dev.localkms.error.ErrorCode;
import dev.localkms.error.KmsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Applies the configured seed file at start-up, after the default account exists.
 *
 * <p>Instances that share a database and start together apply the same file at the same time, so one of
 * them can find an entry created by the other between its check and its insert. Loading the file again
 * changes nothing that exists, so such a conflict is retried up to {@value #MAX_ATTEMPTS} times before
 * start-up fails.
 */
@Component
@Order(10)
class SeedRunner implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SeedRunner.class);
    private static final int MAX_ATTEMPTS = 10;
    private static final Set<ErrorCode> CREATED_BY_ANOTHER_TRANSACTION = Set.of(ErrorCode.ALIAS_ALREADY_EXISTS,
            ErrorCode.USER_ALREADY_EXISTS, ErrorCode.POLICY_ALREADY_EXISTS, ErrorCode.USER_POLICY_ALREADY_EXISTS);

    private final SeedLoader loader;
    private final Duration pauseUnit;

    @Autowired
    SeedRunner(SeedLoader loader) {
        this(loader, Duration.ofMillis(100));
    }

    /** Creates the runner with the unit of its pauses between attempts, which tests shorten. */
    SeedRunner(SeedLoader loader, Duration pauseUnit) {
        this.loader = loader;
        this.pauseUnit = pauseUnit;
    }

    @Override
    public void run(ApplicationArguments args) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                loader.load();
                return;
            } catch (SeedFileException e) {
                if (attempt == MAX_ATTEMPTS || !isConcurrentCreation(e)) {
                    throw e;
                }
                log.warn("Seed file {} entry {} was created by another instance at the same time; "
                        + "applying the file again (attempt {} of {})", e.location(), e.entry(), attempt + 1,
                        MAX_ATTEMPTS);
                // A random pause that grows with each attempt lets the other instance get ahead and finish.
                Thread.sleep(pauseUnit.toMillis() * ThreadLocalRandom.current().nextLong(1, 5) * attempt);
            }
        }
    }

    private static boolean isConcurrentCreation(SeedFileException error) {
        if (error.getCause() instanceof KmsException kms) {
            return CREATED_BY_ANOTHER_TRANSACTION.contains(kms.errorCode());
        }
        return DatabaseErrors.isUniqueViolation(error);
    }
}
