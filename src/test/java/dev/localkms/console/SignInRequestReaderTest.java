package dev.localkms.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import dev.localkms.error.KmsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockHttpServletRequest;

class SignInRequestReaderTest {

    private static final String SECRET = "ReaderTestSecret0000000000001";

    private final SignInRequestReader reader = new SignInRequestReader();

    @Test
    void readsKeyPairFromJsonBody() throws Exception {
        SignInRequestReader.SignInRequest signIn = reader.read(
                post("{\"AccessKeyId\": \"LTAIReaderTest0001\", \"AccessKeySecret\": \"" + SECRET + "\"}"));

        assertThat(signIn.accessKeyId()).isEqualTo("LTAIReaderTest0001");
        assertThat(signIn.accessKeySecret()).isEqualTo(SECRET);
        assertThat(signIn.toString()).doesNotContain(SECRET);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            empty body                | ''                                                           | InvalidParameter
            not JSON                  | AccessKeySecret=ReaderTestSecret0000000000001                | InvalidParameter
            truncated JSON            | {"AccessKeyId": "a", "AccessKeySecret": "ReaderTestSecret0000000000001 | InvalidParameter
            JSON array                | ["ReaderTestSecret0000000000001"]                            | InvalidParameter
            missing AccessKeyId       | {"AccessKeySecret": "ReaderTestSecret0000000000001"}         | MissingParameter
            empty AccessKeySecret     | {"AccessKeyId": "a", "AccessKeySecret": ""}                  | MissingParameter
            null AccessKeySecret      | {"AccessKeyId": "a", "AccessKeySecret": null}                | MissingParameter
            number as AccessKeySecret | {"AccessKeyId": "a", "AccessKeySecret": 12345}               | InvalidParameter
            object as AccessKeyId     | {"AccessKeyId": {"x": 1}, "AccessKeySecret": "s"}            | InvalidParameter
            """)
    void malformedBodyIsRejected(String description, String body, String code) {
        assertThatThrownBy(() -> reader.read(post(body)))
                .isInstanceOfSatisfying(KmsException.class, error -> {
                    assertThat(error.errorCode().code()).isEqualTo(code);
                    assertThat(error.getMessage()).doesNotContain(SECRET);
                });
    }

    @Test
    void oversizedBodyIsRejected() {
        String body = "{\"AccessKeyId\": \"" + "a".repeat(SignInRequestReader.MAX_BODY_BYTES) + "\"}";

        assertThatThrownBy(() -> reader.read(post(body)))
                .isInstanceOfSatisfying(KmsException.class,
                        error -> assertThat(error.getMessage()).contains("larger than 8192 bytes"));
    }

    @Test
    void secretInQueryIsRejected() {
        MockHttpServletRequest request = post("{}");
        request.setQueryString("AccessKeySecret=" + SECRET);
        request.addParameter("AccessKeySecret", SECRET);

        assertThatThrownBy(() -> reader.read(request))
                .isInstanceOfSatisfying(KmsException.class, error -> {
                    assertThat(error.errorCode().code()).isEqualTo("InvalidParameter");
                    assertThat(error.getMessage()).contains("never in the URL").doesNotContain(SECRET);
                });
    }

    private static MockHttpServletRequest post(String body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/_kms/console/session");
        request.setContentType("application/json");
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        return request;
    }
}
