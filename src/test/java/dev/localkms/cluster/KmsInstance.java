package dev.localkms.cluster;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import dev.localkms.LocalKmsApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * One instance of the service, started in this JVM on a random port with its own application context,
 * as a second server process would be. Test-only beans on the classpath, such as the test clock, are
 * left out, so the instance runs the production configuration.
 */
final class KmsInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private KmsInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Starts an instance with these settings on top of the defaults, and returns once it is ready. */
    static KmsInstance start(Map<String, Object> properties) {
        return start(properties, context -> {
        });
    }

    /**
     * Starts an instance, letting {@code customizer} register extra beans before the context is refreshed,
     * and returns once it has started.
     */
    static KmsInstance start(Map<String, Object> properties, Consumer<ConfigurableApplicationContext> customizer) {
        Map<String, Object> all = new HashMap<>();
        all.put("server.port", "0");
        all.putAll(properties);
        // Command-line arguments take precedence over application.yml, unlike the builder's default properties.
        String[] arguments = all.entrySet().stream()
                .map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
                .toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(LocalKmsApplication.class)
                .initializers(applicationContext -> {
                    applicationContext.getBeanFactory()
                            .registerSingleton(TestTypesExcludeFilter.class.getName(), new TestTypesExcludeFilter());
                    customizer.accept(applicationContext);
                })
                .run(arguments);
        return new KmsInstance(context);
    }

    int port() {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }

    /** Keeps classes compiled from the test sources, and test components, out of component scanning. */
    static final class TestTypesExcludeFilter extends TypeExcludeFilter {

        @Override
        public boolean match(MetadataReader metadataReader, MetadataReaderFactory metadataReaderFactory)
                throws IOException {
            return metadataReader.getAnnotationMetadata().isAnnotated(TestComponent.class.getName())
                    || metadataReader.getResource().getURI().toString().contains("/test-classes/");
        }

        @Override
        public boolean equals(Object other) {
            return other != null && other.getClass() == getClass();
        }

        @Override
        public int hashCode() {
            return getClass().hashCode();
        }
    }
}
