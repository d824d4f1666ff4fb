package dev.localkms.api;

import dev.localkms.auth.Authenticator;
import dev.localkms.error.ErrorCode;
import dev.localkms.error.KmsException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/** The single RPC endpoint: authenticates each call by its signature or access key and dispatches it. */
@RestController
class RpcController {

    private final ActionDispatcher dispatcher;
    private final Authenticator authenticator;

    RpcController(ActionDispatcher dispatcher, Authenticator authenticator) {
        this.dispatcher = dispatcher;
        this.authenticator = authenticator;
    }

    /** Rejects HEAD and OPTIONS, which Spring would otherwise handle by running the GET handler or by replying itself. */
    @RequestMapping(path = "/", method = {RequestMethod.HEAD, RequestMethod.OPTIONS})
    ResponseEntity<String> unsupportedMethod(HttpServletRequest servletRequest) {
        throw KmsException.withMessage(ErrorCode.UNSUPPORTED_HTTP_METHOD,
                "This http method is not supported: %s; use GET or POST.".formatted(servletRequest.getMethod()));
    }

    @RequestMapping(path = "/", method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<String> call(HttpServletRequest servletRequest) {
        return dispatcher.dispatch(servletRequest, authenticator::authenticate);
    }
}
