package dev.localkms.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.localkms.api.RequestIdFilter;
import dev.localkms.config.KmsProperties;
import dev.localkms.config.KmsProperties.AuthMode;
import dev.localkms.error.ErrorCode;
import dev.localkms.error.KmsException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Routes of this service that Alibaba Cloud does not have, all under the reserved prefix {@code /_kms/}.
 * In strict auth mode they need the configured admin token in the {@code X-KMS-Admin-Token} header.
 */
@RestController
class AdminController {

    static final String TOKEN_HEADER = "X-KMS-Admin-Token";

    private final ResetService resets;
    private final KmsProperties properties;

    AdminController(ResetService resets, KmsProperties properties) {
        this.resets = resets;
        this.properties = properties;
    }

    /** Puts the service back to the state of its seed file, or empties it with {@code seed=false}. */
    @PostMapping(path = "/_kms/reset", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> reset(@RequestParam(defaultValue = "true") boolean seed,
            @RequestHeader(name = TOKEN_HEADER, required = false) String token, HttpServletRequest request) {
        verifyAdminToken(token);
        ResetService.ResetResult result = resets.reset(seed);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("RequestId", RequestIdFilter.requestId(request));
        body.put("Seeded", result.seeded());
        body.put("DurationMs", result.durationMs());
        return ResponseEntity.ok(body);
    }

    private void verifyAdminToken(String token) {
        if (properties.authMode() != AuthMode.STRICT) {
            return;
        }
        String expected = properties.adminToken();
        if (expected == null || expected.isEmpty()) {
            throw KmsException.withMessage(ErrorCode.NO_PERMISSION,
                    "Admin routes are disabled in strict auth mode until kms.admin-token (KMS_ADMIN_TOKEN) is set.");
        }
        if (token == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8))) {
            throw KmsException.withMessage(ErrorCode.NO_PERMISSION,
                    "Admin routes need the admin token in the " + TOKEN_HEADER + " header in strict auth mode.");
        }
    }
}
