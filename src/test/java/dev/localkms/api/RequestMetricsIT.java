package dev.localkms.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.localkms.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the {@code kms.requests} timer from the actuator metrics endpoint after unsigned API calls. */
class RequestMetricsIT extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void successIsCountedPerAction() throws Exception {
        String tags = "product:Kms,action:CreateKey,code:OK,status:200";
        long before = count(tags);

        call("Action=CreateKey");
        call("Action=CreateKey");

        awaitCount(tags, before + 2);
    }

    @Test
    void errorIsCountedPerCode() throws Exception {
        String tags = "product:Kms,action:DeleteAlias,code:Forbidden.AliasNotFound,status:404";
        long before = count(tags);

        int status = call("Action=DeleteAlias&AliasName=" + uniqueAlias("metrics-missing"));

        assertThat(status).isEqualTo(404);
        awaitCount(tags, before + 1);
    }

    @Test
    void unknownActionIsTaggedUnknown() throws Exception {
        String actionName = "NoSuchAction" + UUID.randomUUID().toString().replace("-", "");
        String tags = "product:Kms,action:unknown,code:InvalidAction.NotFound,status:404";
        long before = count(tags);

        int status = call("Action=" + actionName);

        assertThat(status).isEqualTo(404);
        awaitCount(tags, before + 1);
        List<String> actionTags = actionTagValues();
        assertThat(actionTags).contains("unknown");
        assertThat(actionTags).doesNotContain(actionName);
    }

    /** Sends an unsigned GET to the API and returns the HTTP status. */
    private int call(String query) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/?" + query)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private void awaitCount(String tags, long expected) {
        await().atMost(Duration.ofSeconds(10)).until(() -> count(tags), count -> count == expected);
    }

    /** Returns the timer's COUNT for the tags ({@code name:value,...}), or 0 when no request had them yet. */
    private long count(String tags) throws IOException, InterruptedException {
        StringBuilder query = new StringBuilder();
        for (String tag : tags.split(",")) {
            query.append(query.isEmpty() ? "?" : "&").append("tag=").append(tag);
        }
        HttpResponse<String> response = metrics(query.toString());
        if (response.statusCode() == 404) {
            return 0;
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        for (JsonNode measurement : JSON.readTree(response.body()).path("measurements")) {
            if (measurement.path("statistic").asString().equals("COUNT")) {
                return measurement.path("value").asLong();
            }
        }
        throw new AssertionError("no COUNT in " + response.body());
    }

    private List<String> actionTagValues() throws IOException, InterruptedException {
        HttpResponse<String> response = metrics("");
        List<String> values = new ArrayList<>();
        for (JsonNode tag : JSON.readTree(response.body()).path("availableTags")) {
            if (tag.path("tag").asString().equals("action")) {
                tag.path("values").forEach(value -> values.add(value.asString()));
            }
        }
        return values;
    }

    private HttpResponse<String> metrics(String query) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:%d/_kms/actuator/metrics/%s%s"
                .formatted(port, RequestTelemetryFilter.METRIC_NAME, query));
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }
}
