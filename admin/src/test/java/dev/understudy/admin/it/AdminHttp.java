package dev.understudy.admin.it;

import dev.understudy.demo.client.Json;
import dev.understudy.demo.process.Http;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** HTTP calls of the test, with or without BASIC credentials, on the demo's shared client (loopback, no redirects). */
record AdminHttp(String user, String password) {
    static final AdminHttp ANONYMOUS = new AdminHttp(null, null);

    HttpResponse<String> get(URI uri) {
        return send(builder(uri).GET());
    }

    HttpResponse<String> put(URI uri) {
        return send(builder(uri).PUT(HttpRequest.BodyPublishers.noBody()));
    }

    HttpResponse<String> put(URI uri, String contentType, String body) {
        return send(builder(uri).header("Content-Type", contentType).PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** GET, expecting 200 and a JSON object. */
    Map<String, Object> json(URI uri) {
        HttpResponse<String> response = get(uri);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return Json.parseObject(response.body());
    }

    private HttpRequest.Builder builder(URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Http.requestTimeout());
        if (user != null) {
            String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            builder.header("Authorization", "Basic " + token);
        }
        return builder;
    }

    private static HttpResponse<String> send(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        try {
            return Http.send(request);
        } catch (IOException e) {
            throw new AssertionError(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
