package dev.localkms.fuzz;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A keep-alive HTTP/1.1 connection to 127.0.0.1 that sends a request line and body byte for byte, so that
 * malformed percent-encodings and invalid UTF-8 reach the server, which {@link java.net.URI} would reject.
 * It reconnects when the server closes the connection. Like common HTTP clients, it sends a request once
 * more on a new connection when a kept-alive connection turns out to be closed before any reply byte
 * arrives, since the server then never read the request.
 */
final class RawHttpConnection implements AutoCloseable {

    /**
     * A reply as received.
     *
     * @param status HTTP status code
     * @param headers header values by lower-cased name
     * @param body the body, decoded as UTF-8
     */
    record Reply(int status, Map<String, String> headers, String body) {
    }

    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    RawHttpConnection(int port) {
        this.port = port;
    }

    /** Sends one request and reads its reply; {@code target} is the request line's target as sent. */
    Reply send(String method, String target, Map<String, String> headers, byte[] body) throws IOException {
        boolean reused = socket != null;
        if (!reused) {
            connect();
        }
        byte[] request = encode(method, target, headers, body);
        Reply reply;
        try {
            reply = exchange(request);
        } catch (StaleConnectionException e) {
            if (!reused) {
                throw e;
            }
            close();
            connect();
            reply = exchange(request);
        }
        if ("close".equalsIgnoreCase(reply.headers().get("connection"))) {
            close();
        }
        return reply;
    }

    private Reply exchange(byte[] request) throws IOException {
        try {
            out.write(request);
            out.flush();
        } catch (IOException e) {
            throw new StaleConnectionException("The server closed the connection before the request was sent", e);
        }
        return readReply();
    }

    private byte[] encode(String method, String target, Map<String, String> headers, byte[] body) {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes((method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        for (Map.Entry<String, String> header : headers.entrySet()) {
            request.writeBytes((header.getKey() + ": " + header.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        request.writeBytes(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        request.writeBytes(body);
        return request.toByteArray();
    }

    private void connect() throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    private Reply readReply() throws IOException {
        String statusLine;
        try {
            statusLine = readLine();
        } catch (java.net.SocketException e) {
            throw new StaleConnectionException("The connection was reset before any reply byte arrived", e);
        }
        if (statusLine == null) {
            throw new StaleConnectionException("The server closed the connection without a reply", null);
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(); line != null && !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        byte[] body;
        if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = readChunks();
        } else {
            body = in.readAllBytes();
            headers.put("connection", "close");
        }
        return new Reply(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private byte[] readChunks() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = Integer.parseInt(readLine().trim(), 16); size > 0; size = Integer.parseInt(readLine().trim(), 16)) {
            body.writeBytes(in.readNBytes(size));
            readLine();
        }
        readLine();
        return body.toByteArray();
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
            socket = null;
        }
    }

    /** The connection was closed before the server read the request, so sending it again is safe. */
    static final class StaleConnectionException extends IOException {

        StaleConnectionException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
