package dev.localkms.account;

import dev.localkms.config.KmsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Creates the default account and its root access key on every start. */
@Component
@Order(0)
class DefaultAccountInitializer implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DefaultAccountInitializer.class);

    private final AccountService accounts;
    private final KmsProperties properties;

    DefaultAccountInitializer(AccountService accounts, KmsProperties properties) {
        this.accounts = accounts;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        KmsProperties.DefaultAccount account = properties.defaultAccount();
        accounts.ensureRootAccessKey(account.id(), account.accessKeyId(), account.accessKeySecret(), true);
        log.info("Default account {} with root access key {}; region {}, auth mode {}, policy enforcement {}",
                account.id(), account.accessKeyId(), properties.defaultRegion(), properties.authMode(),
                properties.policyEnforcement());
    }
}
