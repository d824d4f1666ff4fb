package dev.localkms.auth;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of an API request that authentication reads. The API layer's request type implements it,
 * so that this package does not depend on the API layer.
 */
public interface IncomingRequest {

    /** Returns the HTTP method, upper case. */
    String method();

    /** Returns the decoded query parameters in arrival order. */
    List<Map.Entry<String, String>> queryParameters();

    /** Returns the decoded form-body parameters in arrival order. */
    List<Map.Entry<String, String>> formParameters();

    /** Returns the headers by lower-cased name, with the first value of each. */
    Map<String, String> headers();

    /** Returns the raw body bytes. */
    byte[] body();

    /** Returns a parameter from the query string, else from the form body. */
    Optional<String> parameter(String name);

    /** Returns the client's IP address. */
    String remoteAddress();

    /** Tells whether the request came over TLS. */
    boolean secure();
}
