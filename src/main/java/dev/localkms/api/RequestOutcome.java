package dev.localkms.api;

import java.time.Duration;

import dev.localkms.auth.Caller;
import io.micrometer.core.instrument.Tags;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Facts about one completed request, as the request log and the {@code kms.requests} metric record
 * them. They are only names, IDs and numbers, so no signature, secret, plaintext, ciphertext or
 * parameter value other than the action and the region.
 *
 * @param product {@code Kms} or {@code Ram}, or {@code unknown} before the version is read
 * @param action the action name, or {@code unknown} unless the product serves that action
 * @param caller who made the request, or null when it failed before authentication finished
 * @param via {@code api} for a request to the API endpoint, {@code console} for a web console call
 * @param regionId the region the request acts in, or null when it failed before the region was read
 * @param status the HTTP status of the reply
 * @param code {@code OK}, the {@code Code} of the error reply, or {@code unknown} for an error that
 *     the service's error handlers did not render
 * @param duration time from the first filter to the end of the reply
 * @param requestId the request's {@code RequestId}
 */
record RequestOutcome(
        String product,
        String action,
        Caller caller,
        String via,
        String regionId,
        int status,
        String code,
        Duration duration,
        String requestId) {

    static final String UNKNOWN = "unknown";
    static final String OK = "OK";
    static final String VIA_API = "api";
    static final String VIA_CONSOLE = "console";

    /** Reads the outcome from the attributes that the controller and the error handlers set. */
    static RequestOutcome of(HttpServletRequest request, int status, Duration duration) {
        Product product = (Product) request.getAttribute(ActionDispatcher.PRODUCT_ATTRIBUTE);
        String action = (String) request.getAttribute(ActionDispatcher.ACTION_ATTRIBUTE);
        String errorCode = (String) request.getAttribute(ErrorReplies.ERROR_CODE_ATTRIBUTE);
        String code = errorCode;
        if (code == null) {
            code = status < 400 ? OK : UNKNOWN;
        }
        return new RequestOutcome(
                product != null ? product.productName() : UNKNOWN,
                action != null ? action : UNKNOWN,
                (Caller) request.getAttribute(ActionDispatcher.CALLER_ATTRIBUTE),
                RequestTelemetryFilter.CONSOLE_API_PATH.equals(request.getRequestURI()) ? VIA_CONSOLE : VIA_API,
                (String) request.getAttribute(ActionDispatcher.REGION_ATTRIBUTE),
                status,
                code,
                duration,
                RequestIdFilter.requestId(request));
    }

    /**
     * Returns the metric tags. Each has a bounded set of values because an unknown action is tagged
     * {@code unknown}.
     */
    Tags tags() {
        return Tags.of("product", product, "action", action, "code", code, "status", Integer.toString(status));
    }

    /** Returns the request log line, with {@code -} for every value that is not known. */
    String logLine() {
        String format = "action=%s product=%s principal=%s accessKeyId=%s signed=%s via=%s region=%s status=%d "
                + "code=%s durationMs=%d requestId=%s";
        return format.formatted(action, product,
                caller != null ? caller.principal() : "-",
                caller != null && caller.accessKeyId() != null ? caller.accessKeyId() : "-",
                caller != null ? Boolean.toString(caller.signed()) : "-",
                via,
                regionId != null ? regionId : "-",
                status,
                OK.equals(code) ? "-" : code,
                duration.toMillis(),
                requestId);
    }
}
