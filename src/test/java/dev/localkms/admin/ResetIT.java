package dev.localkms.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.localkms.sdk.KmsDriver.AliasView;
import dev.localkms.sdk.SdkError;
import dev.localkms.sdk.TeaCryptoKmsDriver;
import dev.localkms.support.SeededIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Changes the seeded state, resets, and finds exactly the seeded state again. */
class ResetIT extends SeededIntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void restoreSeed() throws Exception {
        assertThat(post("/_kms/reset").statusCode()).isEqualTo(200);
    }

    @Test
    void resetRestoresTheSeededState() throws Exception {
        TeaCryptoKmsDriver root = new TeaCryptoKmsDriver(port, ROOT_ACCESS_KEY_ID, ROOT_SECRET, false, DEFAULT_REGION);
        String extraKey = root.createKey("not in the seed");
        String extraAlias = uniqueAlias("extra");
        root.createAlias(extraKey, extraAlias);
        root.deleteAlias(ALIAS_SEEDED_A);
        root.disableKey(KEY_NEW);
        assertThat(get("/?Version=2015-05-01&Action=CreateUser&UserName=extra-user").statusCode()).isEqualTo(200);

        HttpResponse<String> reset = post("/_kms/reset");

        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(reset.body()).contains("\"Seeded\":true");
        assertThat(root.listAliases(1, 100).aliases()).extracting(AliasView::aliasName)
                .containsExactlyInAnyOrder(ALIAS_SEEDED_A, ALIAS_SEEDED_PENDING);
        assertThat(root.listKeys(1, 100).keyIds())
                .containsExactlyInAnyOrder(KEY_ORIGINAL, KEY_NEW, KEY_DISABLED, KEY_PENDING_DELETION);
        assertThat(root.describeKey(KEY_NEW).keyState()).isEqualTo("Enabled");
        assertThat(root.describeKey(ALIAS_SEEDED_A).keyId()).isEqualTo(KEY_ORIGINAL);
        assertThat(errorCode(() -> root.describeKey(extraKey))).isEqualTo("Forbidden.KeyNotFound");
        assertThat(get("/?Version=2015-05-01&Action=GetUser&UserName=extra-user").statusCode()).isEqualTo(404);
        assertThat(get("/?Version=2015-05-01&Action=GetUser&UserName=alias-creator").statusCode()).isEqualTo(200);
        assertThat(teaAs(ALIAS_LISTER).listAliases(1, 10).totalCount()).isEqualTo(2);
    }

    @Test
    void resetWithoutSeedEmptiesTheService() throws Exception {
        HttpResponse<String> reset = post("/_kms/reset?seed=false");

        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(reset.body()).contains("\"Seeded\":false");
        assertThat(teaV3().listAliases(1, 100).totalCount()).isZero();
        assertThat(teaV3().listKeys(1, 100).totalCount()).isZero();
        assertThat(errorCode(() -> teaAs(ALIAS_LISTER).listAliases(1, 10))).isEqualTo("InvalidAccessKeyId.NotFound");
    }

    private HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String errorCode(Runnable call) {
        try {
            call.run();
        } catch (SdkError e) {
            return e.code();
        }
        throw new AssertionError("The call succeeded, but an error was expected");
    }
}
