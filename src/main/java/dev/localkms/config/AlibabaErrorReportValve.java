package dev.localkms.config;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.localkms.error.ErrorCode;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes Alibaba's JSON error body for the errors that Tomcat reports itself, before the application
 * reads the request: an unparsable request line, a request line or headers over the size limit, an
 * invalid Host header. Tomcat's own valve would send an HTML page that no SDK can read.
 *
 * <p>Each rejection is logged with its status only, at most once a minute with a count of the ones
 * in between, because the request's bytes may carry plaintext or a signature.
 */
public class AlibabaErrorReportValve extends ErrorReportValve {

    private static final Logger LOG = LoggerFactory.getLogger(AlibabaErrorReportValve.class);
    private static final long LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final AtomicLong unloggedRejections = new AtomicLong();
    private final AtomicLong lastLogNanos = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        logRejection(status);
        ErrorCode code = switch (status) {
            case 404 -> ErrorCode.INVALID_ACTION;
            case 405 -> ErrorCode.UNSUPPORTED_HTTP_METHOD;
            case 501 -> ErrorCode.INVALID_PARAMETER;
            case 503 -> ErrorCode.SERVICE_UNAVAILABLE_TEMPORARY;
            default -> status < 500 ? ErrorCode.INVALID_PARAMETER : ErrorCode.INTERNAL_FAILURE;
        };
        String message;
        if (status == 501) {
            // Tomcat replies 501 to a Transfer-Encoding it does not implement, such as "identity, chunked".
            message = "The request's Transfer-Encoding is not supported (HTTP status 501): send the body with Content-Length or Transfer-Encoding: chunked.";
        } else if (code == ErrorCode.INVALID_PARAMETER) {
            message = "The request could not be read (HTTP status %d): check the request line, the headers (at most 64 KB) and the Host header."
                    .formatted(status);
        } else {
            message = code.messageTemplate();
        }
        String requestId = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
        String body = "{\"RequestId\":\"%s\",\"HostId\":\"%s\",\"Code\":\"%s\",\"Message\":\"%s\",\"Recommend\":\"%s\"}"
                .formatted(requestId, "localhost", code.code(), message,
                        "https://api.aliyun.com/troubleshoot?q=%s&product=Kms&requestId=%s".formatted(code.code(),
                                requestId));
        try {
            response.setContentType("application/json;charset=utf-8");
            response.setHeader("x-acs-request-id", requestId);
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The connection is already closed, so no reply can be sent.
        }
    }

    private void logRejection(int status) {
        long rejections = unloggedRejections.incrementAndGet();
        long now = System.nanoTime();
        long last = lastLogNanos.get();
        if (now - last >= LOG_INTERVAL_NANOS && lastLogNanos.compareAndSet(last, now)) {
            unloggedRejections.addAndGet(-rejections);
            LOG.info("Rejected a request that Tomcat could not read: HTTP status {}"
                    + "; {} rejections since the previous message", status, rejections);
        }
    }
}
