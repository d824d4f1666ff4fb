package dev.localkms.api;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.localkms.auth.Caller;
import dev.localkms.config.KmsProperties;
import dev.localkms.common.Messages;
import dev.localkms.error.ErrorCode;
import dev.localkms.error.KmsException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Runs one API call: reads Action and Version from the parameters or the {@code x-acs-*} headers,
 * resolves the region, gets the caller from a {@link CallerResolver}, runs the action and renders its
 * reply. The RPC endpoint and the web console both call it, so they share actions, region rules, RAM
 * checks and error replies.
 */
@Component
public class ActionDispatcher {

    static final String RPC_REQUEST_ATTRIBUTE = ActionDispatcher.class.getName() + ".rpcRequest";
    static final String PRODUCT_ATTRIBUTE = ActionDispatcher.class.getName() + ".product";
    /** The action name, set only once it is known to be an action of the product. */
    static final String ACTION_ATTRIBUTE = ActionDispatcher.class.getName() + ".action";
    static final String REGION_ATTRIBUTE = ActionDispatcher.class.getName() + ".region";
    static final String CALLER_ATTRIBUTE = ActionDispatcher.class.getName() + ".caller";

    private final Map<Product, Map<String, ActionHandler>> handlers = new EnumMap<>(Product.class);
    private final ReplyRenderer renderer;
    private final KmsProperties properties;
    private final RequestThrottle throttle;

    ActionDispatcher(List<ProductActions> productActions, ReplyRenderer renderer, KmsProperties properties,
            RequestThrottle throttle) {
        for (ProductActions actions : productActions) {
            Map<String, ActionHandler> byName = handlers.computeIfAbsent(actions.product(), p -> new HashMap<>());
            actions.handlers().forEach((name, handler) -> {
                if (byName.putIfAbsent(name, handler) != null) {
                    throw new IllegalStateException("Action " + name + " of " + actions.product() + " is registered twice.");
                }
            });
        }
        this.renderer = renderer;
        this.properties = properties;
        this.throttle = throttle;
    }

    /**
     * Decides who makes a call once its action and region are known. It throws a {@link KmsException} to
     * reject the call.
     */
    @FunctionalInterface
    public interface CallerResolver {

        Caller resolve(RpcRequest request, String regionId);
    }

    /**
     * Decides whether an endpoint runs an action that the product serves. It throws a {@link KmsException}
     * to reject the call before its region and caller are read.
     */
    @FunctionalInterface
    public interface ActionFilter {

        /** Lets every action of every product through, as the RPC endpoint does. */
        ActionFilter ALL = (product, action) -> {
        };

        void verify(Product product, String action);
    }

    /**
     * Runs the call in {@code servletRequest} as the caller that {@code callers} returns, and renders the
     * reply. Failures propagate as exceptions, which {@link ErrorReplies} renders as Alibaba's error body.
     */
    public ResponseEntity<String> dispatch(HttpServletRequest servletRequest, CallerResolver callers) {
        return dispatch(servletRequest, callers, ActionFilter.ALL);
    }

    /** Runs the call like {@link #dispatch(HttpServletRequest, CallerResolver)} if {@code filter} lets it through. */
    public ResponseEntity<String> dispatch(HttpServletRequest servletRequest, CallerResolver callers,
            ActionFilter filter) {
        RpcRequest request = RpcRequestParser.parse(servletRequest, RequestIdFilter.requestId(servletRequest),
                properties.limits());
        servletRequest.setAttribute(RPC_REQUEST_ATTRIBUTE, request);

        String action = request.action().orElseThrow(() -> missingAction(request));
        Product product = product(request);
        servletRequest.setAttribute(PRODUCT_ATTRIBUTE, product);
        ActionHandler handler = handlers.getOrDefault(product, Map.of()).get(action);
        if (handler == null) {
            throw KmsException.withMessage(ErrorCode.INVALID_ACTION,
                    "Specified api is not found, please check your url and method: action \"%s\" is not an API of %s %s."
                            .formatted(action, product.productName(), product.version()));
        }
        servletRequest.setAttribute(ACTION_ATTRIBUTE, action);
        filter.verify(product, action);

        String regionId = RegionResolver.resolve(request.parameter("RegionId").orElse(null), request.host(),
                properties.defaultRegion());
        servletRequest.setAttribute(REGION_ATTRIBUTE, regionId);
        Caller caller = callers.resolve(request, regionId);
        servletRequest.setAttribute(CALLER_ATTRIBUTE, caller);
        throttle.acquire(caller, product, action);
        Object result = handler.handle(new ActionRequest(request, caller));
        return renderer.success(action, result, request.requestId(), request.wantsXml());
    }

    /** Returns the missing-Action error, with a hint when a body was sent that is not a form. */
    private static KmsException missingAction(RpcRequest request) {
        if (request.body().length == 0 || !request.formParameters().isEmpty()) {
            return KmsException.missingParameter("Action");
        }
        String contentType = request.header("content-type").orElse("none");
        return KmsException.withMessage(ErrorCode.MISSING_PARAMETER,
                "The parameter \"Action\" is needed but not provided. The request body was not parsed, because its Content-Type is \"%s\": send parameters in the query string or in a body of Content-Type application/x-www-form-urlencoded."
                        .formatted(Messages.abbreviate(contentType)));
    }

    /** Chooses the product by API version; a request without one is a KMS request. */
    private static Product product(RpcRequest request) {
        String version = request.version().orElse(Product.KMS.version());
        return Product.forVersion(version).orElseThrow(() -> KmsException.withMessage(ErrorCode.INVALID_VERSION,
                "Specified parameter Version is not valid: \"%s\" is neither %s (KMS) nor %s (RAM)."
                        .formatted(version, Product.KMS.version(), Product.RAM.version())));
    }
}
