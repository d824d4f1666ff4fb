package dev.localkms.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.List;
import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.localkms.auth.Caller;
import dev.localkms.config.KmsProperties;
import dev.localkms.support.TestKmsProperties;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RequestTelemetryFilterTest {

    private static final String ACCOUNT = "1234567890123456";
    private static final Caller ROOT = new Caller(ACCOUNT, "cn-hangzhou", Caller.PrincipalType.ROOT, ACCOUNT, null,
            "LTAI5tLocalKmsRootKey00", true, "127.0.0.1", false);
    private static final Caller ALICE = new Caller(ACCOUNT, "cn-shanghai", Caller.PrincipalType.RAM_USER,
            "284711111111111111", "alice", "LTAI5tAliceKey000000000", false, "127.0.0.1", false);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ch.qos.logback.classic.Logger requestLogger =
            (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(RequestTelemetryFilter.LOGGER_NAME);
    private final ListAppender<ILoggingEvent> logLines = new ListAppender<>();

    @BeforeEach
    void captureRequestLog() {
        logLines.start();
        requestLogger.addAppender(logLines);
        requestLogger.setLevel(Level.INFO);
    }

    @AfterEach
    void releaseRequestLog() {
        requestLogger.detachAppender(logLines);
        requestLogger.setLevel(null);
    }

    /** What the controller and the error handlers leave on a request, and what is recorded for it. */
    record Case(String name, Product product, String action, Caller caller, String region, int status,
            String errorCode, String expectedProduct, String expectedAction, String expectedCode,
            String expectedLogFields) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("success", Product.KMS, "CreateAlias", ROOT, "cn-hangzhou", 200, null,
                        "Kms", "CreateAlias", "OK",
                        "action=CreateAlias product=Kms principal=root@1234567890123456 "
                                + "accessKeyId=LTAI5tLocalKmsRootKey00 signed=true via=api region=cn-hangzhou status=200 "
                                + "code=- "),
                new Case("service error of a RAM user", Product.KMS, "DeleteAlias", ALICE, "cn-shanghai", 404,
                        "Forbidden.AliasNotFound", "Kms", "DeleteAlias", "Forbidden.AliasNotFound",
                        "action=DeleteAlias product=Kms principal=alice@1234567890123456 "
                                + "accessKeyId=LTAI5tAliceKey000000000 signed=false via=api region=cn-shanghai status=404 "
                                + "code=Forbidden.AliasNotFound "),
                new Case("authentication failure", Product.KMS, "ListAliases", null, "cn-hangzhou", 400,
                        "SignatureDoesNotMatch", "Kms", "ListAliases", "SignatureDoesNotMatch",
                        "action=ListAliases product=Kms principal=- accessKeyId=- signed=- via=api region=cn-hangzhou "
                                + "status=400 code=SignatureDoesNotMatch "),
                new Case("unknown action", Product.RAM, null, null, null, 404, "InvalidAction.NotFound",
                        "Ram", "unknown", "InvalidAction.NotFound",
                        "action=unknown product=Ram principal=- accessKeyId=- signed=- via=api region=- status=404 "
                                + "code=InvalidAction.NotFound "),
                new Case("unknown version", null, null, null, null, 400, "InvalidVersion",
                        "unknown", "unknown", "InvalidVersion",
                        "action=unknown product=unknown principal=- accessKeyId=- signed=- via=api region=- status=400 "
                                + "code=InvalidVersion "),
                new Case("error without an error reply", null, null, null, null, 503, null,
                        "unknown", "unknown", "unknown",
                        "action=unknown product=unknown principal=- accessKeyId=- signed=- via=api region=- status=503 "
                                + "code=unknown "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void timerIsTaggedWithOutcome(Case testCase) throws Exception {
        filter(true).doFilter(apiRequest(), new MockHttpServletResponse(), chainLeaving(testCase));

        Timer timer = registry.find(RequestTelemetryFilter.METRIC_NAME)
                .tag("product", testCase.expectedProduct())
                .tag("action", testCase.expectedAction())
                .tag("code", testCase.expectedCode())
                .tag("status", Integer.toString(testCase.status()))
                .timer();
        assertThat(timer).as("timer with the expected tags").isNotNull();
        assertThat(timer.count()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void logLineNamesOutcome(Case testCase) throws Exception {
        MockHttpServletRequest request = apiRequest();
        filter(true).doFilter(request, new MockHttpServletResponse(), chainLeaving(testCase));

        assertThat(logLines.list).hasSize(1);
        ILoggingEvent line = logLines.list.get(0);
        assertThat(line.getLevel()).isEqualTo(Level.INFO);
        assertThat(line.getFormattedMessage()).startsWith(testCase.expectedLogFields());
        assertThat(line.getFormattedMessage()).matches(".* durationMs=\\d+ requestId=\\S+$");
    }

    @Test
    void logLineContainsNoSecret() throws Exception {
        MockHttpServletRequest request = apiRequest();
        List<String> secrets = List.of("LocalKmsRootSecret000000000000", "c2lnbmF0dXJlLXZhbHVl",
                "cGxhaW50ZXh0LXZhbHVl", "Y2lwaGVydGV4dC12YWx1ZQ==");
        request.setQueryString("Action=Encrypt&Signature=c2lnbmF0dXJlLXZhbHVl&Plaintext=cGxhaW50ZXh0LXZhbHVl"
                + "&CiphertextBlob=Y2lwaGVydGV4dC12YWx1ZQ==&AccessKeySecret=LocalKmsRootSecret000000000000");
        request.addHeader("Authorization", "ACS3-HMAC-SHA256 Credential=x,Signature=c2lnbmF0dXJlLXZhbHVl");
        Case encrypt = new Case("encrypt", Product.KMS, "Encrypt", ROOT, "cn-hangzhou", 200, null,
                "Kms", "Encrypt", "OK", "");

        filter(true).doFilter(request, new MockHttpServletResponse(), chainLeaving(encrypt));

        assertThat(logLines.list).hasSize(1);
        for (String secret : secrets) {
            assertThat(logLines.list.get(0).getFormattedMessage()).doesNotContain(secret);
        }
    }

    @Test
    void requestLogOffWritesNoLine() throws Exception {
        Case success = cases().findFirst().orElseThrow();

        filter(false).doFilter(apiRequest(), new MockHttpServletResponse(), chainLeaving(success));

        assertThat(logLines.list).isEmpty();
        assertThat(registry.find(RequestTelemetryFilter.METRIC_NAME).timer()).isNotNull();
    }

    @Test
    void escapedExceptionCountsAsInternalFailure() {
        FilterChain failing = (request, response) -> {
            request.setAttribute(ActionDispatcher.PRODUCT_ATTRIBUTE, Product.KMS);
            request.setAttribute(ActionDispatcher.ACTION_ATTRIBUTE, "CreateKey");
            throw new IllegalStateException("database unavailable");
        };

        assertThatThrownBy(() -> filter(true).doFilter(apiRequest(), new MockHttpServletResponse(), failing))
                .isInstanceOf(IllegalStateException.class);

        Timer timer = registry.find(RequestTelemetryFilter.METRIC_NAME)
                .tags("action", "CreateKey", "code", "InternalFailure", "status", "500")
                .timer();
        assertThat(timer).as("timer of the failed request").isNotNull();
        assertThat(logLines.list.get(0).getFormattedMessage()).contains("status=500 code=InternalFailure ");
    }

    @Test
    void consoleCallIsLoggedAsUnsigned() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", RequestTelemetryFilter.CONSOLE_API_PATH);
        request.setAttribute(RequestIdFilter.ATTRIBUTE, "6A1D1C4E-0000-4000-8000-000000000002");
        Caller consoleUser = new Caller(ACCOUNT, "cn-hangzhou", Caller.PrincipalType.RAM_USER, "284711111111111111",
                "alice", "LTAI5tAliceKey000000000", false, "127.0.0.1", false);
        Case listKeys = new Case("console", Product.KMS, "ListKeys", consoleUser, "cn-hangzhou", 200, null,
                "Kms", "ListKeys", "OK", "");

        filter(true).doFilter(request, new MockHttpServletResponse(), chainLeaving(listKeys));

        assertThat(logLines.list).hasSize(1);
        assertThat(logLines.list.get(0).getFormattedMessage()).startsWith("action=ListKeys product=Kms "
                + "principal=alice@1234567890123456 accessKeyId=LTAI5tAliceKey000000000 signed=false via=console "
                + "region=cn-hangzhou status=200 code=- ");
    }

    @Test
    void adminRoutesAreNotRecorded() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/_kms/actuator/health");
        Case health = new Case("health", null, null, null, null, 200, null, "", "", "", "");

        filter(true).doFilter(request, new MockHttpServletResponse(), chainLeaving(health));

        assertThat(registry.find(RequestTelemetryFilter.METRIC_NAME).timer()).isNull();
        assertThat(logLines.list).isEmpty();
    }

    private RequestTelemetryFilter filter(boolean requestLog) {
        return new RequestTelemetryFilter(registry, properties(requestLog));
    }

    private static MockHttpServletRequest apiRequest() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/");
        request.setAttribute(RequestIdFilter.ATTRIBUTE, "6A1D1C4E-0000-4000-8000-000000000001");
        return request;
    }

    /** Returns a chain that acts as the controller and the error handlers would for {@code testCase}. */
    private static FilterChain chainLeaving(Case testCase) {
        return (request, response) -> {
            setIfPresent(request, ActionDispatcher.PRODUCT_ATTRIBUTE, testCase.product());
            setIfPresent(request, ActionDispatcher.ACTION_ATTRIBUTE, testCase.action());
            setIfPresent(request, ActionDispatcher.REGION_ATTRIBUTE, testCase.region());
            setIfPresent(request, ActionDispatcher.CALLER_ATTRIBUTE, testCase.caller());
            setIfPresent(request, ErrorReplies.ERROR_CODE_ATTRIBUTE, testCase.errorCode());
            ((MockHttpServletResponse) response).setStatus(testCase.status());
        };
    }

    private static void setIfPresent(ServletRequest request, String name, Object value) {
        if (value != null) {
            request.setAttribute(name, value);
        }
    }

    private static KmsProperties properties(boolean requestLog) {
        return TestKmsProperties.with(Map.of("default-account.id", ACCOUNT, "request-log", String.valueOf(requestLog)));
    }
}
