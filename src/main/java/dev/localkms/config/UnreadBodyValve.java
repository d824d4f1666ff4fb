package dev.localkms.config;

import java.io.IOException;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * Closes the connection after the reply to a request whose body the service gave up reading (too slow,
 * failed, or declared over the size limit). Without it Tomcat would read and discard the rest of the body
 * before the connection could be reused, so a client that keeps trickling bytes would hold a worker
 * thread for as long as it likes.
 */
public class UnreadBodyValve extends ValveBase {

    /** Request attribute that the body reader sets, with any value, to close the connection after the reply. */
    public static final String CLOSE_CONNECTION_ATTRIBUTE = UnreadBodyValve.class.getName() + ".closeConnection";

    public UnreadBodyValve() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        try {
            getNext().invoke(request, response);
        } finally {
            if (request.getAttribute(CLOSE_CONNECTION_ATTRIBUTE) != null) {
                // Tomcat still sends the reply, then closes the connection instead of draining the body.
                request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
            }
        }
    }
}
