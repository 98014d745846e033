package dev.understudy.demo.process;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * A small HTTP client for probes, clients and assertions: HTTP/1.1, no proxy, no redirects, short timeouts, one
 * shared client (its selector thread lives as long as the JVM).
 */
public final class Http {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .proxy(HttpClient.Builder.NO_PROXY)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();

    private Http() {
    }

    /** GET {@code uri}; throws on a connection failure or timeout. */
    public static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return get(uri, REQUEST_TIMEOUT);
    }

    /** GET {@code uri} with a request timeout; throws on a connection failure or timeout. */
    public static HttpResponse<String> get(URI uri, Duration timeout) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Sends {@code request} with the shared client (HTTP/1.1, no proxy, no redirects); the body as a string. */
    public static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The default request timeout of {@link #get(URI)}, for requests built elsewhere. */
    public static Duration requestTimeout() {
        return REQUEST_TIMEOUT;
    }

    /** The status of GET {@code uri}, or empty if nothing answered (refused, reset, timeout). */
    public static OptionalInt status(URI uri, Duration timeout) {
        try {
            return OptionalInt.of(get(uri, timeout).statusCode());
        } catch (IOException e) {
            return OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        }
    }
}
