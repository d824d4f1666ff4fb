package dev.localkms.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingRequestWrapper;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records, through {@link UsedSecrets}, every {@code Plaintext} parameter that an integration test sends
 * and every {@code Plaintext} and {@code AccessKeySecret} that the service returns, whichever client sent
 * the request, so that the log scan after the integration tests can search for them.
 */
@TestConfiguration(proxyBeanMethods = false)
public class SecretRecordingConfiguration {

    private static final Pattern PLAINTEXT_PARAMETER = Pattern.compile("(?:^|&)Plaintext=([^&]*)");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern SECRET_IN_XML_REPLY =
            Pattern.compile("<(Plaintext|AccessKeySecret)>([^<]*)</\\1>");

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> secretRecordingFilter() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new RecordingFilter());
        registration.addUrlPatterns("/");
        return registration;
    }

    private static final class RecordingFilter extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            // The wrapper keeps a copy of what the service reads, so the body is read once, by the service.
            ContentCachingRequestWrapper cachingRequest = new ContentCachingRequestWrapper(request, 2 * 1024 * 1024);
            ContentCachingResponseWrapper cachingResponse = new ContentCachingResponseWrapper(response);
            try {
                chain.doFilter(cachingRequest, cachingResponse);
            } finally {
                recordPlaintexts(request.getQueryString());
                recordPlaintexts(new String(cachingRequest.getContentAsByteArray(), StandardCharsets.UTF_8));
                recordReplySecrets(new String(cachingResponse.getContentAsByteArray(), StandardCharsets.UTF_8));
                cachingResponse.copyBodyToResponse();
            }
        }

        private static void recordPlaintexts(String encoded) {
            if (encoded == null) {
                return;
            }
            Matcher matcher = PLAINTEXT_PARAMETER.matcher(encoded);
            while (matcher.find()) {
                try {
                    UsedSecrets.record(java.net.URLDecoder.decode(matcher.group(1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    UsedSecrets.record(matcher.group(1));
                }
            }
        }

        private static void recordReplySecrets(String reply) {
            if (reply.startsWith("{")) {
                JsonNode json = JSON.readTree(reply);
                for (String field : List.of("Plaintext", "AccessKeySecret")) {
                    json.findValues(field).forEach(value -> UsedSecrets.record(value.asString()));
                }
                return;
            }
            Matcher xml = SECRET_IN_XML_REPLY.matcher(reply);
            while (xml.find()) {
                UsedSecrets.record(xml.group(2));
            }
        }
    }
}
