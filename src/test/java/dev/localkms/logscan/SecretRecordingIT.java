package dev.localkms.logscan;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;

import dev.localkms.support.IntegrationTest;
import dev.localkms.support.UsedSecrets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The integration tests record the plaintexts they send and the data keys they receive for the log scan. */
class SecretRecordingIT extends IntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void plaintextsAndDataKeysAreRecorded() throws Exception {
        String region = uniqueRegion();
        String keyId = call("CreateKey&RegionId=" + region).path("KeyMetadata").path("KeyId").asString();
        String plaintext = "recorded plaintext " + UUID.randomUUID();

        call("Encrypt&RegionId=" + region + "&KeyId=" + keyId + "&Plaintext="
                + URLEncoder.encode(plaintext, StandardCharsets.UTF_8));
        String dataKey = call("GenerateDataKey&RegionId=" + region + "&KeyId=" + keyId).path("Plaintext").asString();

        assertThat(UsedSecrets.read(Path.of(System.getProperty("kms.test.used-secrets"))))
                .contains(plaintext, dataKey);
    }

    private JsonNode call(String actionAndParameters) throws Exception {
        HttpResponse<String> reply = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/?Action=" + actionAndParameters)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        return JsonMapper.builder().build().readTree(reply.body());
    }
}
