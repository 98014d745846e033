package dev.understudy.benchmarks.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One virtual user: one keep-alive HTTP/1.1 connection (reopened when the server closes it) and one cookie jar.
 * Deliberately minimal — a request line, Host, Cookie, Content-Length: 0; a response with Content-Length or
 * chunked body — so that the client costs little CPU on a 2-core machine it shares with the servers. Cookies are
 * kept by name (paths and expiry ignored: each virtual user talks to one application), as the servers set them:
 * Understudy's {@code USSESSION}, Payara's {@code JSESSIONID} and {@code JSESSIONIDVERSION}, HAProxy's inserted
 * stickiness cookie.
 */
final class HttpConnection implements AutoCloseable {
    private final InetSocketAddress address;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    HttpConnection(InetSocketAddress address) {
        this.address = address;
    }

    /** A response: status and body. */
    record Response(int status, String body) {
    }

    /** Sends {@code method path} and reads the whole response; one retry on a connection the server had closed. */
    Response send(String method, String path) throws IOException {
        boolean fresh = socket == null;
        try {
            return exchange(method, path);
        } catch (IOException e) {
            close();
            if (fresh) {
                throw e;
            }
            return exchange(method, path);
        }
    }

    Map<String, String> cookies() {
        return cookies;
    }

    /** Forgets the session (a new user). */
    void clearCookies() {
        cookies.clear();
    }

    private Response exchange(String method, String path) throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(address, 5_000);
            socket.setSoTimeout(60_000);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = socket.getOutputStream();
        }
        StringBuilder request = new StringBuilder(256).append(method).append(' ').append(path)
                .append(" HTTP/1.1\r\nHost: ").append(address.getHostString()).append(':').append(address.getPort())
                .append("\r\nContent-Length: 0\r\n");
        if (!cookies.isEmpty()) {
            request.append("Cookie: ");
            boolean first = true;
            for (Map.Entry<String, String> cookie : cookies.entrySet()) {
                request.append(first ? "" : "; ").append(cookie.getKey()).append('=').append(cookie.getValue());
                first = false;
            }
            request.append("\r\n");
        }
        request.append("\r\n");
        out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return readResponse();
    }

    private Response readResponse() throws IOException {
        String statusLine = readLine();
        if (statusLine == null || !statusLine.startsWith("HTTP/1.")) {
            throw new IOException("Not an HTTP response: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean closeAfter = false;
        String line;
        while ((line = readLine()) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> closeAfter = value.equalsIgnoreCase("close");
                case "set-cookie" -> setCookie(value);
                default -> {
                }
            }
        }
        if (line == null) {
            throw new IOException("Connection closed in the headers");
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(256);
        if (chunked) {
            while (true) {
                String size = readLine();
                if (size == null) {
                    throw new IOException("Connection closed in a chunked body");
                }
                int semicolon = size.indexOf(';');
                int chunk = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
                if (chunk == 0) {
                    while ((line = readLine()) != null && !line.isEmpty()) {
                        // trailers: none expected
                    }
                    break;
                }
                copy(chunk, body);
                readLine();
            }
        } else if (length >= 0) {
            copy(length, body);
        } else {
            in.transferTo(body);
            closeAfter = true;
        }
        if (closeAfter) {
            close();
        }
        return new Response(status, body.toString(StandardCharsets.UTF_8));
    }

    private void setCookie(String header) {
        int semicolon = header.indexOf(';');
        String pair = semicolon < 0 ? header : header.substring(0, semicolon);
        int equals = pair.indexOf('=');
        if (equals <= 0) {
            return;
        }
        String name = pair.substring(0, equals).trim();
        String value = pair.substring(equals + 1).trim();
        String attributes = header.toLowerCase(Locale.ROOT);
        if (value.isEmpty() || attributes.contains("max-age=0") || attributes.contains("expires=thu, 01 jan 1970")) {
            cookies.remove(name);
        } else {
            cookies.put(name, value);
        }
    }

    private void copy(long count, ByteArrayOutputStream to) throws IOException {
        byte[] buffer = new byte[(int) Math.min(count, 8192)];
        long left = count;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new IOException("Connection closed in the body");
            }
            to.write(buffer, 0, read);
            left -= read;
        }
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder(64);
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) c);
        }
        return line.length() == 0 ? null : line.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        socket = null;
        in = null;
        out = null;
    }
}
