package dev.localkms.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;

import dev.localkms.support.IntegrationTest;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/** The HTTP server listens on loopback unless a setting opens it. */
class BindAddressIT extends IntegrationTest {

    @Autowired
    private WebServerApplicationContext context;

    @Test
    void defaultBindAddressIsLoopback() {
        Connector connector = ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();
        Object address = connector.getProperty("address");

        assertThat(address).isInstanceOf(InetAddress.class);
        assertThat(((InetAddress) address).isLoopbackAddress()).as("%s is a loopback address", address).isTrue();
        assertThat(((InetAddress) address).getHostAddress()).isEqualTo("127.0.0.1");
    }
}
