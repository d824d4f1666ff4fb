package dev.localkms.api;

import java.io.IOException;
import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Gives every request an ID, sent back in the {@code x-acs-request-id} header and in the reply body. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdFilter extends OncePerRequestFilter {

    static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".requestId";
    static final String HEADER = "x-acs-request-id";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String requestId = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
        request.setAttribute(ATTRIBUTE, requestId);
        response.setHeader(HEADER, requestId);
        chain.doFilter(request, response);
    }

    /** Returns the request's ID, or a new one for a request that did not pass the filter. */
    public static String requestId(HttpServletRequest request) {
        Object requestId = request.getAttribute(ATTRIBUTE);
        return requestId != null ? requestId.toString() : UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
    }
}
