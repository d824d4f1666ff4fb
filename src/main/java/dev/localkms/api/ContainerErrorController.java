package dev.localkms.api;

import java.io.IOException;
import java.net.SocketTimeoutException;

import dev.localkms.error.ErrorCode;
import dev.localkms.error.KmsException;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Renders errors that the servlet container reports outside the MVC handlers (a body over the size
 * limit, a filter failure) in Alibaba's error body instead of Spring's default JSON.
 */
@RestController
class ContainerErrorController implements ErrorController {

    /** The status of the reply to a failed body read: that of {@code InvalidParameter}. */
    static final int BODY_READ_FAILURE_STATUS = ErrorCode.INVALID_PARAMETER.status().value();

    private final ReplyRenderer renderer;

    ContainerErrorController(ReplyRenderer renderer) {
        this.renderer = renderer;
    }

    @RequestMapping("/error")
    ResponseEntity<String> error(HttpServletRequest request) {
        Object statusAttribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (statusAttribute == null) {
            // A client requested /error itself, so no error was forwarded here.
            return renderer.error(ErrorReplies.unknownPath(request), RequestIdFilter.requestId(request),
                    request.getServerName(), Product.KMS, false);
        }
        int status = statusAttribute instanceof Integer code ? code : 500;
        Throwable exception = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (exception instanceof IOException readFailure) {
            // Tomcat reports a failed body read as an exception, which would otherwise become a 500.
            return renderer.error(bodyNotRead(readFailure), RequestIdFilter.requestId(request),
                    request.getServerName(), Product.KMS, false);
        }
        KmsException error = switch (HttpStatus.resolve(status) == null ? HttpStatus.INTERNAL_SERVER_ERROR
                : HttpStatus.resolve(status)) {
            case NOT_FOUND -> KmsException.of(ErrorCode.INVALID_ACTION);
            case METHOD_NOT_ALLOWED -> KmsException.of(ErrorCode.UNSUPPORTED_HTTP_METHOD);
            case BAD_REQUEST, PAYLOAD_TOO_LARGE, REQUEST_HEADER_FIELDS_TOO_LARGE, URI_TOO_LONG ->
                    KmsException.withMessage(ErrorCode.INVALID_PARAMETER,
                            "The request could not be read (HTTP status %d).".formatted(status));
            default -> KmsException.of(ErrorCode.INTERNAL_FAILURE);
        };
        return renderer.error(error, RequestIdFilter.requestId(request), request.getServerName(), Product.KMS,
                false);
    }

    /**
     * Tells whether Tomcat failed to read the request body. Tomcat then marks the response as an error
     * (408 for a read timeout, else 400) and forwards it here, where the reply gets the status
     * {@link #BODY_READ_FAILURE_STATUS}.
     */
    static boolean isBodyReadFailure(HttpServletRequest request) {
        return request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof IOException;
    }

    private static KmsException bodyNotRead(IOException readFailure) {
        if (readFailure instanceof SocketTimeoutException) {
            return KmsException.withMessage(ErrorCode.INVALID_PARAMETER,
                    "The request body was not received in time: the client sent nothing for longer than the "
                            + "connection timeout (server.tomcat.connection-timeout).");
        }
        return KmsException.withMessage(ErrorCode.INVALID_PARAMETER,
                "The request body could not be read, because the connection failed while it was sent.");
    }
}
