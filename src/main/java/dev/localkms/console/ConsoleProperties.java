package dev.localkms.console;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the web console at {@code /_kms/console}, bound from {@code kms.console.*} or
 * {@code KMS_CONSOLE_*}.
 *
 * @param sessionTimeout how long a console session lasts after sign-in, whether or not it is used
 */
@ConfigurationProperties("kms.console")
public record ConsoleProperties(@DefaultValue("8h") Duration sessionTimeout) {
}
