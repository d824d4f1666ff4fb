package dev.localkms.api;

import java.io.IOException;
import java.time.Duration;

import dev.localkms.config.KmsProperties;
import dev.localkms.error.ErrorCode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Records every API request after its reply: the {@code kms.requests} timer, tagged with product,
 * action, error code and HTTP status, and, when {@code kms.request-log} is on, one INFO line on the
 * {@code dev.localkms.requests} logger. Routes under {@code /_kms/} are not API requests and are skipped,
 * except the web console's API route, whose calls run through {@link ActionDispatcher} like those to {@code /}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class RequestTelemetryFilter extends OncePerRequestFilter {

    static final String METRIC_NAME = "kms.requests";
    static final String LOGGER_NAME = "dev.localkms.requests";
    /** The route of the web console's API calls, served by the console package. */
    static final String CONSOLE_API_PATH = "/_kms/console/api";

    private static final Logger requestLog = LoggerFactory.getLogger(LOGGER_NAME);

    private final MeterRegistry registry;
    private final boolean logRequests;

    RequestTelemetryFilter(MeterRegistry registry, KmsProperties properties) {
        this.registry = registry;
        this.logRequests = properties.requestLog();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.startsWith("/_kms/") && !path.equals(CONSOLE_API_PATH);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        boolean completed = false;
        try {
            chain.doFilter(request, response);
            completed = true;
        } finally {
            Duration duration = Duration.ofNanos(System.nanoTime() - start);
            // An exception that escapes the chain becomes a 500 InternalFailure reply after this filter returns.
            RequestOutcome outcome = completed
                    ? RequestOutcome.of(request, repliedStatus(request, response), duration)
                    : failedOutcome(request, duration);
            record(outcome);
        }
    }

    private void record(RequestOutcome outcome) {
        Timer.builder(METRIC_NAME)
                .description("API requests by product, action, error code and HTTP status")
                .tags(outcome.tags())
                .register(registry)
                .record(outcome.duration());
        if (logRequests) {
            requestLog.info(outcome.logLine());
        }
    }

    /**
     * Returns the status that the client receives. After a failed body read, Tomcat's status (408 or 400)
     * is replaced by {@link ContainerErrorController}'s reply, which is written after this filter returns.
     */
    private static int repliedStatus(HttpServletRequest request, HttpServletResponse response) {
        return ContainerErrorController.isBodyReadFailure(request)
                ? ContainerErrorController.BODY_READ_FAILURE_STATUS
                : response.getStatus();
    }

    private static RequestOutcome failedOutcome(HttpServletRequest request, Duration duration) {
        request.setAttribute(ErrorReplies.ERROR_CODE_ATTRIBUTE, ErrorCode.INTERNAL_FAILURE.code());
        return RequestOutcome.of(request, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, duration);
    }
}
