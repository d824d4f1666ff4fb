package dev.localkms.console;

import java.io.IOException;

import dev.localkms.error.ErrorCode;
import dev.localkms.error.KmsException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the console's sign-in request: a JSON object with {@code AccessKeyId} and {@code AccessKeySecret}
 * in the body. Error messages never quote the body, since it contains the secret.
 */
@Component
class SignInRequestReader {

    /** Largest body read; a key pair in JSON is well under 1 KiB. */
    static final int MAX_BODY_BYTES = 8 * 1024;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * An access key pair to verify.
     *
     * @param accessKeyId the access key ID
     * @param accessKeySecret the secret, never logged or echoed
     */
    record SignInRequest(String accessKeyId, String accessKeySecret) {

        @Override
        public String toString() {
            return "SignInRequest[accessKeyId=" + accessKeyId + "]";
        }
    }

    SignInRequest read(HttpServletRequest request) throws IOException {
        if (request.getParameterMap().containsKey("AccessKeySecret")) {
            throw KmsException.withMessage(ErrorCode.INVALID_PARAMETER, "The specified parameter \"AccessKeySecret\" "
                    + "is not valid here: send the key pair as a JSON body, never in the URL or a form.");
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            throw KmsException.withMessage(ErrorCode.INVALID_PARAMETER,
                    "The sign-in body is larger than %d bytes.".formatted(MAX_BODY_BYTES));
        }
        JsonNode json = parse(body);
        return new SignInRequest(requiredText(json, "AccessKeyId"), requiredText(json, "AccessKeySecret"));
    }

    private static JsonNode parse(byte[] body) {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (JacksonException e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            throw KmsException.withMessage(ErrorCode.INVALID_PARAMETER,
                    "The sign-in body is not valid: it must be a JSON object with the strings AccessKeyId and "
                            + "AccessKeySecret.");
        }
        return json;
    }

    private static String requiredText(JsonNode json, String name) {
        JsonNode value = json.get(name);
        if (value == null || value.isNull() || (value.isString() && value.stringValue().isEmpty())) {
            throw KmsException.missingParameter(name);
        }
        if (!value.isString()) {
            throw KmsException.withMessage(ErrorCode.INVALID_PARAMETER,
                    "The specified parameter \"%s\" is not valid: it must be a JSON string.".formatted(name));
        }
        return value.stringValue();
    }
}
