package dev.localkms.api;

import java.util.Arrays;
import java.util.stream.Collectors;

import dev.localkms.common.DatabaseErrors;
import dev.localkms.common.Messages;
import dev.localkms.error.ErrorCode;
import dev.localkms.error.KmsException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Renders every failure as Alibaba's error body, in the reply format the request asked for. */
@RestControllerAdvice
class ErrorReplies {

    /** The {@code Code} of the error reply, for the request log and metrics. */
    static final String ERROR_CODE_ATTRIBUTE = ErrorReplies.class.getName() + ".errorCode";

    private static final Logger log = LoggerFactory.getLogger(ErrorReplies.class);

    private final ReplyRenderer renderer;

    ErrorReplies(ReplyRenderer renderer) {
        this.renderer = renderer;
    }

    @ExceptionHandler(KmsException.class)
    ResponseEntity<String> kmsError(KmsException error, HttpServletRequest request) {
        log.debug("Request {} failed with {}: {}", RequestIdFilter.requestId(request), error.errorCode().code(),
                error.getMessage());
        return render(error, request);
    }

    @ExceptionHandler({NoHandlerFoundException.class, NoResourceFoundException.class})
    ResponseEntity<String> unknownPath(Exception error, HttpServletRequest request) {
        return render(unknownPath(request), request);
    }

    /** Creates {@code InvalidAction.NotFound} for a path other than {@code /}, naming the method and path. */
    static KmsException unknownPath(HttpServletRequest request) {
        return KmsException.withMessage(ErrorCode.INVALID_ACTION,
                "Specified api is not found, please check your url and method: %s %s is not served; send API calls to /."
                        .formatted(request.getMethod(), request.getRequestURI()));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<String> unsupportedMethod(HttpRequestMethodNotSupportedException error,
            HttpServletRequest request) {
        return render(KmsException.withMessage(ErrorCode.UNSUPPORTED_HTTP_METHOD,
                "This http method is not supported: %s; use %s.".formatted(error.getMethod(),
                        supportedMethods(error))), request);
    }

    /** Renders lock timeouts, deadlocks and lost database connections as a 503, since a retry may succeed. */
    @ExceptionHandler({TransientDataAccessException.class, DataAccessResourceFailureException.class,
            CannotCreateTransactionException.class})
    ResponseEntity<String> databaseUnavailable(Exception error, HttpServletRequest request) {
        log.warn("Request {} failed because the database is busy or unreachable: {}",
                RequestIdFilter.requestId(request), NestedExceptionUtils.getMostSpecificCause(error).toString());
        return render(KmsException.withMessage(ErrorCode.SERVICE_UNAVAILABLE_TEMPORARY,
                "Service Unavailable Temporary: the database is busy or unreachable; retry the request."), request);
    }

    /**
     * Renders PostgreSQL's lock timeout as a 503 like the other lock timeouts. Spring's JDBC translation
     * leaves its SQLSTATE (55P03) uncategorized, while Hibernate's translation makes it a transient error.
     */
    @ExceptionHandler(UncategorizedSQLException.class)
    ResponseEntity<String> uncategorizedDatabaseError(UncategorizedSQLException error, HttpServletRequest request) {
        if (DatabaseErrors.isLockNotAvailable(error)) {
            return databaseUnavailable(error, request);
        }
        return unexpected(error, request);
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    ResponseEntity<String> badRouteParameter(Exception error, HttpServletRequest request) {
        String message = error instanceof MethodArgumentTypeMismatchException mismatch
                ? "The specified parameter \"%s\" is not valid: \"%s\" is not a %s.".formatted(mismatch.getName(),
                        Messages.abbreviate(String.valueOf(mismatch.getValue())),
                        mismatch.getRequiredType() == null ? "value" : mismatch.getRequiredType().getSimpleName())
                : error.getMessage();
        return render(KmsException.withMessage(ErrorCode.INVALID_PARAMETER, message), request);
    }

    /**
     * Ends a request whose reply can no longer be written because the connection is closed. Either the
     * client went away, or the container already replied to a failed body read and closed the connection.
     */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    ResponseEntity<String> replyNotWritable(AsyncRequestNotUsableException error, HttpServletRequest request) {
        log.debug("Request {} ended before its reply could be written: {}", RequestIdFilter.requestId(request),
                error.getMessage());
        return null;
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<String> unexpected(Exception error, HttpServletRequest request) {
        log.error("Request {} failed unexpectedly", RequestIdFilter.requestId(request), error);
        return render(KmsException.of(ErrorCode.INTERNAL_FAILURE), request);
    }

    private ResponseEntity<String> render(KmsException error, HttpServletRequest request) {
        RpcRequest rpcRequest = (RpcRequest) request.getAttribute(ActionDispatcher.RPC_REQUEST_ATTRIBUTE);
        Product product = (Product) request.getAttribute(ActionDispatcher.PRODUCT_ATTRIBUTE);
        request.setAttribute(ERROR_CODE_ATTRIBUTE, error.errorCode().code());
        boolean xml = rpcRequest != null ? rpcRequest.wantsXml() : queryAsksForXml(request.getQueryString());
        // HostId is the host name without the port, the same in every error reply.
        return renderer.error(error, RequestIdFilter.requestId(request), request.getServerName(),
                product != null ? product : Product.KMS, xml);
    }

    private static String supportedMethods(HttpRequestMethodNotSupportedException error) {
        if (error.getSupportedMethods() == null) {
            return "GET or POST";
        }
        // HEAD and OPTIONS appear only because the RPC endpoint maps them to reject them.
        return Arrays.stream(error.getSupportedMethods())
                .filter(method -> !method.equals("HEAD") && !method.equals("OPTIONS"))
                .collect(Collectors.joining(" or "));
    }

    /**
     * Tells whether a raw query string has {@code Format=XML} in any case, without the servlet's parameter
     * parsing, which fails on the malformed queries that some error replies report.
     */
    static boolean queryAsksForXml(String query) {
        if (query == null) {
            return false;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("Format=") && pair.substring("Format=".length()).equalsIgnoreCase("XML")) {
                return true;
            }
        }
        return false;
    }
}
