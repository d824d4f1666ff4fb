package dev.localkms.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.localkms.config.KmsProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Checks docker-compose.yml and the nginx configuration it mounts, since no Docker engine runs where the
 * tests run: services, images, start order, health checks, settings, host name aliases and upstreams.
 */
class ComposeFileTest {

    private static final Path COMPOSE_FILE = Path.of("docker-compose.yml");
    private static final Path NGINX_CONFIG = Path.of("docker/nginx.conf");
    private static final List<String> INSTANCES = List.of("kms-1", "kms-2");
    private static final String DATABASE = "postgres";
    private static final String LOAD_BALANCER = "kms";
    private static final int SERVICE_PORT = 8080;
    private static final Pattern KMS_HOST = Pattern.compile("^kms(?:-vpc)?\\.[a-z0-9-]+\\.aliyuncs\\.com$");
    private static final Pattern UPSTREAM = Pattern.compile("upstream\\s+(\\S+)\\s*\\{([^}]*)}");
    private static final Pattern UPSTREAM_SERVER = Pattern.compile("server\\s+([^\\s:;]+):(\\d+)");
    private static final Pattern JDBC_URL = Pattern.compile("^jdbc:postgresql://([^:/]+):(\\d+)/(\\w+)$");

    private static final Map<String, Object> COMPOSE = loadCompose();

    @Test
    void declaresDatabaseInstancesAndLoadBalancer() {
        assertThat(services().keySet()).containsExactlyInAnyOrder(DATABASE, "kms-1", "kms-2", LOAD_BALANCER);
    }

    @Test
    void usesOfficialImagesAndDockerfile() {
        assertThat(service(DATABASE).get("image")).isEqualTo("postgres:15");
        assertThat((String) service(LOAD_BALANCER).get("image")).startsWith("nginx:");
        for (String instance : INSTANCES) {
            assertThat(service(instance).get("build")).as(instance).isEqualTo(".");
        }
    }

    @ParameterizedTest
    @MethodSource("startOrder")
    void waitsForHealthyDependencies(String service, String dependency) {
        Map<String, Object> dependsOn = map(service(service).get("depends_on"));

        assertThat(map(dependsOn.get(dependency)).get("condition")).isEqualTo("service_healthy");
    }

    static Stream<Arguments> startOrder() {
        return Stream.of(Arguments.of("kms-1", DATABASE), Arguments.of("kms-2", DATABASE),
                Arguments.of(LOAD_BALANCER, "kms-1"), Arguments.of(LOAD_BALANCER, "kms-2"));
    }

    @ParameterizedTest
    @MethodSource("serviceNames")
    void everyServiceHasHealthCheck(String service) {
        List<String> test = strings(map(service(service).get("healthcheck")).get("test"));

        assertThat(test).hasSizeGreaterThan(1);
        assertThat(test.get(0)).isIn("CMD", "CMD-SHELL");
    }

    static Stream<String> serviceNames() {
        return Stream.of(DATABASE, "kms-1", "kms-2", LOAD_BALANCER);
    }

    @Test
    void loadBalancerProbesReadiness() {
        List<String> test = strings(map(service(LOAD_BALANCER).get("healthcheck")).get("test"));

        assertThat(String.join(" ", test)).contains("/_kms/actuator/health/readiness");
    }

    @ParameterizedTest
    @MethodSource("instances")
    void instanceSettingsExistInKmsProperties(String instance) {
        Set<String> kmsVariables = new TreeSet<>(environment(instance).keySet());
        kmsVariables.removeIf(name -> !name.startsWith("KMS_"));

        assertThat(kmsVariables).isNotEmpty();
        assertThat(settingVariables()).containsAll(kmsVariables);
    }

    @ParameterizedTest
    @MethodSource("instances")
    void instancesUseTheComposeDatabase(String instance) {
        Map<String, String> environment = environment(instance);
        Map<String, String> database = environment(DATABASE);
        Matcher url = JDBC_URL.matcher(environment.get("KMS_STORAGE_JDBC_URL"));

        assertThat(url.matches()).as("KMS_STORAGE_JDBC_URL is a PostgreSQL URL").isTrue();
        assertThat(url.group(1)).isEqualTo(DATABASE);
        assertThat(url.group(3)).isEqualTo(database.get("POSTGRES_DB"));
        assertThat(environment.get("KMS_STORAGE_USERNAME")).isEqualTo(database.get("POSTGRES_USER"));
        assertThat(environment.get("KMS_STORAGE_PASSWORD")).isEqualTo(database.get("POSTGRES_PASSWORD"));
    }

    static Stream<String> instances() {
        return INSTANCES.stream();
    }

    @ParameterizedTest
    @MethodSource("instances")
    void instancesListenOnEveryInterface(String instance) {
        assertThat(environment(instance)).containsEntry("KMS_BIND_ADDRESS", "0.0.0.0");
    }

    @Test
    void loadBalancerIsPublishedOnLoopbackOnly() {
        List<String> ports = strings(service(LOAD_BALANCER).get("ports"));

        assertThat(ports).containsExactly("127.0.0.1:" + SERVICE_PORT + ":80");
    }

    @Test
    void loadBalancerHasRegionalHostAliases() {
        Map<String, Object> networks = map(service(LOAD_BALANCER).get("networks"));
        List<String> aliases = strings(map(networks.get("default")).get("aliases"));

        assertThat(aliases).contains("kms.cn-hangzhou.aliyuncs.com", "kms.cn-shanghai.aliyuncs.com",
                "kms-vpc.cn-hangzhou.aliyuncs.com");
        assertThat(aliases).allMatch(alias -> KMS_HOST.matcher(alias).matches(),
                "each alias is a regional KMS host name, which the service reads the region from");
    }

    @Test
    void nginxUpstreamServersAreTheInstances() throws IOException {
        Matcher upstream = UPSTREAM.matcher(Files.readString(NGINX_CONFIG));
        assertThat(upstream.find()).as("nginx.conf has an upstream block").isTrue();
        List<String> servers = new ArrayList<>();
        Matcher server = UPSTREAM_SERVER.matcher(upstream.group(2));
        while (server.find()) {
            servers.add(server.group(1));
            assertThat(Integer.parseInt(server.group(2))).as(server.group(1) + " port").isEqualTo(SERVICE_PORT);
        }

        assertThat(servers).containsExactlyInAnyOrderElementsOf(INSTANCES);
        assertThat(Files.readString(NGINX_CONFIG)).contains("proxy_pass http://" + upstream.group(1) + ";");
    }

    @Test
    void loadBalancerMountsTheNginxConfiguration() {
        List<String> volumes = strings(service(LOAD_BALANCER).get("volumes"));

        assertThat(volumes).contains("./" + NGINX_CONFIG + ":/etc/nginx/conf.d/default.conf:ro");
    }

    /** Returns the environment variable names of every {@link KmsProperties} setting, such as KMS_AUTH_MODE. */
    private static Set<String> settingVariables() {
        Set<String> names = new TreeSet<>();
        collectVariables(KmsProperties.class, "KMS", names);
        return names;
    }

    private static void collectVariables(Class<?> type, String prefix, Set<String> names) {
        for (RecordComponent component : type.getRecordComponents()) {
            String name = prefix + "_" + component.getName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase();
            if (component.getType().isRecord()) {
                collectVariables(component.getType(), name, names);
            } else {
                names.add(name);
            }
        }
    }

    private static Map<String, String> environment(String service) {
        Map<String, String> environment = new LinkedHashMap<>();
        map(service(service).get("environment")).forEach((name, value) -> environment.put(name, String.valueOf(value)));
        return environment;
    }

    private static Map<String, Object> services() {
        return map(COMPOSE.get("services"));
    }

    private static Map<String, Object> service(String name) {
        assertThat(services()).containsKey(name);
        return map(services().get(name));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<String>) value;
    }

    private static Map<String, Object> loadCompose() {
        try {
            return new Yaml().load(Files.readString(COMPOSE_FILE));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + COMPOSE_FILE.toAbsolutePath(), e);
        }
    }
}
