package dev.localkms.api;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.localkms.auth.Authenticator;
import dev.localkms.auth.Caller;
import dev.localkms.config.KmsProperties;
import dev.localkms.error.ErrorCode;
import dev.localkms.error.KmsException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * The single RPC endpoint: reads Action and Version from the parameters or the {@code x-acs-*}
 * headers, authenticates the caller, runs the action and renders its reply.
 */
@RestController
class RpcController {

    static final String RPC_REQUEST_ATTRIBUTE = RpcController.class.getName() + ".rpcRequest";
    static final String PRODUCT_ATTRIBUTE = RpcController.class.getName() + ".product";
    /** The action name, set only once it is known to be an action of the product. */
    static final String ACTION_ATTRIBUTE = RpcController.class.getName() + ".action";
    static final String REGION_ATTRIBUTE = RpcController.class.getName() + ".region";
    static final String CALLER_ATTRIBUTE = RpcController.class.getName() + ".caller";

    private final Map<Product, Map<String, ActionHandler>> handlers = new EnumMap<>(Product.class);
    private final Authenticator authenticator;
    private final ReplyRenderer renderer;
    private final KmsProperties properties;
    private final RequestThrottle throttle;

    RpcController(List<ProductActions> productActions, Authenticator authenticator, ReplyRenderer renderer,
            KmsProperties properties, RequestThrottle throttle) {
        for (ProductActions actions : productActions) {
            Map<String, ActionHandler> byName = handlers.computeIfAbsent(actions.product(), p -> new HashMap<>());
            actions.handlers().forEach((name, handler) -> {
                if (byName.putIfAbsent(name, handler) != null) {
                    throw new IllegalStateException("Action " + name + " of " + actions.product() + " is registered twice.");
                }
            });
        }
        this.authenticator = authenticator;
        this.renderer = renderer;
        this.properties = properties;
        this.throttle = throttle;
    }

    /** Rejects HEAD and OPTIONS, which Spring would otherwise handle by running the GET handler or by replying itself. */
    @RequestMapping(path = "/", method = {RequestMethod.HEAD, RequestMethod.OPTIONS})
    ResponseEntity<String> unsupportedMethod(HttpServletRequest servletRequest) {
        throw KmsException.withMessage(ErrorCode.UNSUPPORTED_HTTP_METHOD,
                "This http method is not supported: %s; use GET or POST.".formatted(servletRequest.getMethod()));
    }

    @RequestMapping(path = "/", method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<String> call(HttpServletRequest servletRequest) {
        RpcRequest request = RpcRequestParser.parse(servletRequest, RequestIdFilter.requestId(servletRequest),
                properties.limits());
        servletRequest.setAttribute(RPC_REQUEST_ATTRIBUTE, request);

        String action = request.action().orElseThrow(() -> KmsException.missingParameter("Action"));
        Product product = product(request);
        servletRequest.setAttribute(PRODUCT_ATTRIBUTE, product);
        ActionHandler handler = handlers.getOrDefault(product, Map.of()).get(action);
        if (handler == null) {
            throw KmsException.withMessage(ErrorCode.INVALID_ACTION,
                    "Specified api is not found, please check your url and method: action \"%s\" is not an API of %s %s."
                            .formatted(action, product.productName(), product.version()));
        }
        servletRequest.setAttribute(ACTION_ATTRIBUTE, action);

        String regionId = RegionResolver.resolve(request.parameter("RegionId").orElse(null), request.host(),
                properties.defaultRegion());
        servletRequest.setAttribute(REGION_ATTRIBUTE, regionId);
        Caller caller = authenticator.authenticate(request, regionId);
        servletRequest.setAttribute(CALLER_ATTRIBUTE, caller);
        throttle.acquire(caller, product, action);
        Object result = handler.handle(new ActionRequest(request, caller));
        return renderer.success(action, result, request.requestId(), request.wantsXml());
    }

    /** Chooses the product by API version; a request without one is a KMS request. */
    private static Product product(RpcRequest request) {
        String version = request.version().orElse(Product.KMS.version());
        return Product.forVersion(version).orElseThrow(() -> KmsException.withMessage(ErrorCode.INVALID_VERSION,
                "Specified parameter Version is not valid: \"%s\" is neither %s (KMS) nor %s (RAM)."
                        .formatted(version, Product.KMS.version(), Product.RAM.version())));
    }
}
