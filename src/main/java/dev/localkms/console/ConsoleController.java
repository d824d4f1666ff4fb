package dev.localkms.console;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.localkms.api.ActionDispatcher;
import dev.localkms.api.Product;
import dev.localkms.api.RequestIdFilter;
import dev.localkms.auth.Authenticator;
import dev.localkms.auth.Caller;
import dev.localkms.config.KmsProperties;
import dev.localkms.error.ErrorCode;
import dev.localkms.error.KmsException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The web console: its page, its session routes and the route that runs its API calls. A call runs
 * through the same dispatcher, RAM checks and error replies as the RPC endpoint, as the access key of
 * the session, which must still be active.
 *
 * <p>The API route runs only the KMS actions that the console page calls ({@link #CONSOLE_ACTIONS}), so
 * a session cookie cannot reach the RAM API or any other action.
 *
 * <p>The session cookie is HttpOnly and SameSite=Strict, and every route but the page requires the
 * {@value #CONSOLE_HEADER} header, which a cross-site form cannot send and a cross-site script cannot
 * send without a CORS grant that this service never gives.
 */
@RestController
class ConsoleController {

    static final String PATH = "/_kms/console";
    static final String COOKIE = "kms_console_session";
    static final String CONSOLE_HEADER = "X-KMS-Console";

    /** The KMS actions that the console page calls. The API route rejects every other action. */
    static final Set<String> CONSOLE_ACTIONS = Set.of("CreateKey", "DescribeKey", "ListKeys", "CreateAlias",
            "DeleteAlias", "ListAliases", "ListAliasesByKeyId");

    private static final Logger log = LoggerFactory.getLogger(ConsoleController.class);
    private static final Resource PAGE = new ClassPathResource("console/index.html");

    private final ConsoleSessions sessions;
    private final SignInRequestReader signInReader;
    private final Authenticator authenticator;
    private final ActionDispatcher dispatcher;
    private final KmsProperties properties;
    private final ConsoleProperties consoleProperties;

    ConsoleController(ConsoleSessions sessions, SignInRequestReader signInReader, Authenticator authenticator,
            ActionDispatcher dispatcher, KmsProperties properties, ConsoleProperties consoleProperties) {
        this.sessions = sessions;
        this.signInReader = signInReader;
        this.authenticator = authenticator;
        this.dispatcher = dispatcher;
        this.properties = properties;
        this.consoleProperties = consoleProperties;
    }

    @GetMapping({PATH, PATH + "/"})
    ResponseEntity<Resource> page() {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("text/html;charset=utf-8"))
                .cacheControl(CacheControl.noCache())
                .body(PAGE);
    }

    /** Signs in with an access key pair sent as JSON in the body, and sets the session cookie. */
    @PostMapping(PATH + "/session")
    ResponseEntity<Map<String, Object>> signIn(@RequestHeader(name = CONSOLE_HEADER, required = false) String header,
            HttpServletRequest request) throws IOException {
        verifyConsoleHeader(header);
        SignInRequestReader.SignInRequest signIn = signInReader.read(request);
        Caller caller;
        try {
            caller = authenticator.verifyKeyPair(signIn.accessKeyId(), signIn.accessKeySecret(),
                    properties.defaultRegion(), request.getRemoteAddr(), request.isSecure());
        } catch (KmsException e) {
            // An unknown ID is neither logged nor echoed, since it may be a secret pasted into the wrong field.
            if (e.errorCode() == ErrorCode.ACCESS_KEY_NOT_FOUND) {
                log.info("Console sign-in failed from {}: unknown access key", request.getRemoteAddr());
                throw KmsException.of(ErrorCode.ACCESS_KEY_NOT_FOUND);
            }
            log.info("Console sign-in failed for access key {} from {}: {}", signIn.accessKeyId(),
                    request.getRemoteAddr(), e.errorCode().code());
            throw e;
        }
        ConsoleSessions.NewSession session = sessions.create(caller.accessKeyId());
        ResponseCookie cookie = sessionCookie(session.token(), consoleProperties.sessionTimeout(), request.isSecure());
        return ResponseEntity.ok()
                .header(HttpHeaders.SET_COOKIE, cookie.toString())
                .cacheControl(CacheControl.noStore())
                .body(sessionReply(request, caller, session.expiresAt()));
    }

    /** Describes the signed-in principal, so that a reloaded page can carry on. */
    @GetMapping(PATH + "/session")
    ResponseEntity<Map<String, Object>> currentSession(
            @RequestHeader(name = CONSOLE_HEADER, required = false) String header,
            @CookieValue(name = COOKIE, required = false) String token, HttpServletRequest request) {
        verifyConsoleHeader(header);
        ConsoleSessions.Session session = session(token);
        Caller caller = callerOfSession(session.accessKeyId(), properties.defaultRegion(), request.getRemoteAddr(),
                request.isSecure());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(sessionReply(request, caller, session.expiresAt()));
    }

    /** Signs out: deletes the session and clears the cookie. Signing out without a session succeeds too. */
    @DeleteMapping(PATH + "/session")
    ResponseEntity<Map<String, Object>> signOut(@RequestHeader(name = CONSOLE_HEADER, required = false) String header,
            @CookieValue(name = COOKIE, required = false) String token, HttpServletRequest request) {
        verifyConsoleHeader(header);
        if (token != null && !token.isEmpty()) {
            sessions.delete(token);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("RequestId", RequestIdFilter.requestId(request));
        return ResponseEntity.ok()
                .header(HttpHeaders.SET_COOKIE, sessionCookie("", Duration.ZERO, request.isSecure()).toString())
                .cacheControl(CacheControl.noStore())
                .body(body);
    }

    /**
     * Runs one API call with the parameters of the RPC endpoint (Action, RegionId and the action's own) as
     * the session's access key, and replies as the RPC endpoint does. Actions outside
     * {@link #CONSOLE_ACTIONS} are rejected with {@code UnsupportedOperation}.
     */
    @PostMapping(PATH + "/api")
    ResponseEntity<String> call(@RequestHeader(name = CONSOLE_HEADER, required = false) String header,
            @CookieValue(name = COOKIE, required = false) String token, HttpServletRequest request) {
        verifyConsoleHeader(header);
        String accessKeyId = session(token).accessKeyId();
        ResponseEntity<String> reply = dispatcher.dispatch(request, (rpcRequest, regionId) ->
                callerOfSession(accessKeyId, regionId, rpcRequest.remoteAddress(), rpcRequest.secure()),
                ConsoleController::verifyConsoleAction);
        return ResponseEntity.status(reply.getStatusCode())
                .headers(reply.getHeaders())
                .cacheControl(CacheControl.noStore())
                .body(reply.getBody());
    }

    /**
     * Returns the owner of a session's access key. A key found disabled ends all of its sessions, so
     * enabling it again does not revive them. A deleted key's sessions are deleted with the key.
     */
    private Caller callerOfSession(String accessKeyId, String regionId, String sourceIp, boolean secure) {
        try {
            return authenticator.callerOfSignedInKey(accessKeyId, regionId, sourceIp, secure);
        } catch (KmsException e) {
            if (e.errorCode() == ErrorCode.ACCESS_KEY_INACTIVE) {
                sessions.endSessionsOf(accessKeyId);
            }
            throw e;
        }
    }

    private static void verifyConsoleAction(Product product, String action) {
        if (product != Product.KMS || !CONSOLE_ACTIONS.contains(action)) {
            throw KmsException.withMessage(ErrorCode.UNSUPPORTED_OPERATION, ("This action is not supported: the "
                    + "web console runs only the KMS actions %s, not %s %s \"%s\". Call it on the API endpoint /.")
                    .formatted(String.join(", ", CONSOLE_ACTIONS.stream().sorted().toList()),
                            product.productName(), product.version(), action));
        }
    }

    private static void verifyConsoleHeader(String header) {
        if (header == null || header.isEmpty()) {
            throw KmsException.withMessage(ErrorCode.CONSOLE_HEADER_MISSING, "Console requests must carry the "
                    + CONSOLE_HEADER + " header, which the console page sends and cross-site forms cannot.");
        }
    }

    private ConsoleSessions.Session session(String token) {
        if (token == null || token.isEmpty()) {
            throw KmsException.of(ErrorCode.CONSOLE_SESSION_REQUIRED);
        }
        return sessions.find(token).orElseThrow(() -> KmsException.of(ErrorCode.CONSOLE_SESSION_REQUIRED));
    }

    private Map<String, Object> sessionReply(HttpServletRequest request, Caller caller, Instant expiresAt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("RequestId", RequestIdFilter.requestId(request));
        body.put("AccessKeyId", caller.accessKeyId());
        body.put("AccountId", caller.accountId());
        body.put("PrincipalType", caller.principalType().wireName());
        if (caller.userName() != null) {
            body.put("UserName", caller.userName());
        }
        body.put("DefaultRegionId", properties.defaultRegion());
        body.put("ExpiresAt", expiresAt.toString());
        return body;
    }

    private static ResponseCookie sessionCookie(String value, Duration maxAge, boolean secure) {
        return ResponseCookie.from(COOKIE, value)
                .path(PATH)
                .httpOnly(true)
                .sameSite("Strict")
                .secure(secure)
                .maxAge(maxAge)
                .build();
    }
}
