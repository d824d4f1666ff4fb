package dev.localkms.auth;

import java.time.Clock;

import dev.localkms.config.KmsProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.StringUtils;

/**
 * Picks where signature nonces are recorded. A database set with {@code kms.storage.jdbc-url} may be
 * shared by several instances, so its nonces go to the database, where every instance reads them. The
 * embedded H2 stores, in memory or in a file, are opened by this process alone, so their nonces stay in
 * memory and a signed request writes nothing for its nonce.
 */
@Configuration(proxyBeanMethods = false)
class NonceRegistryConfiguration {

    @Bean
    NonceRegistry nonceRegistry(KmsProperties properties, JdbcTemplate jdbc, Clock clock) {
        if (StringUtils.hasText(properties.storage().jdbcUrl())) {
            return new JdbcNonceRegistry(jdbc, clock);
        }
        return new LocalNonceRegistry();
    }
}
