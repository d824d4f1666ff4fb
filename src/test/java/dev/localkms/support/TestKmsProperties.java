package dev.localkms.support;

import java.util.Map;

import dev.localkms.config.KmsProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Builds {@link KmsProperties} for unit tests the way Spring binds them, defaults included. */
public final class TestKmsProperties {

    private TestKmsProperties() {
    }

    /** Returns the settings with {@code overrides} (such as {@code auth-mode=strict}) applied to the defaults. */
    public static KmsProperties with(Map<String, String> overrides) {
        MapConfigurationPropertySource source = new MapConfigurationPropertySource();
        overrides.forEach((name, value) -> source.put("kms." + name, value));
        return new Binder(source).bindOrCreate("kms", KmsProperties.class);
    }
}
