package dev.localkms.config;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes Tomcat reply to the requests it rejects itself with Alibaba's error body, and close the
 * connection after a request whose body the service stopped reading.
 */
@Configuration(proxyBeanMethods = false)
public class TomcatConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> alibabaErrorReports() {
        return factory -> {
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(AlibabaErrorReportValve.class.getName());
                }
            });
            factory.addContextValves(new UnreadBodyValve());
            // Send 100 Continue only when the application starts reading the body, so that a request
            // rejected first, such as one whose Content-Length is over the limit, never gets one.
            factory.addConnectorCustomizers(connector -> connector.setProperty("continueResponseTiming", "onRead"));
        };
    }
}
