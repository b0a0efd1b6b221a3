package org.cqrsshop.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.cqrsshop.testing.Patience;
import org.cqrsshop.testing.TestTokens;

/** A plain HTTP GraphQL client, as any consumer of the API would use, signed in as an admin. */
final class GraphQL {

    /**
     * HTTP/1.1: by default the JDK client asks every http:// server to upgrade to h2c, which the
     * gateway (Node.js) takes for a WebSocket upgrade and never answers.
     */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private GraphQL() {}

    static JsonNode post(URI endpoint, String document) {
        try {
            return postAsync(endpoint, document).join();
        } catch (RuntimeException e) {
            throw new IllegalStateException("GraphQL request to " + endpoint + " failed", e);
        }
    }

    /** A request body carrying the document, as {@code application/json}. */
    static String body(String document) {
        try {
            return JSON.writeValueAsString(Map.of("query", document));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static CompletableFuture<JsonNode> postAsync(URI endpoint, String document) {
        String body = body(document);
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(Patience.SERVICE)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TestTokens.admin())
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
            }
            try {
                return JSON.readTree(response.body());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /**
     * Sends any body, with any media type and token (none when {@code null}), and returns what came
     * back. Within Patience.RECOVERY, not SERVICE: a hostile minVersion waits out the query-app's
     * whole read-your-writes deadline (20 s in ShopSystem) before its answer, which a loaded machine
     * then serves late (a 30 s bound timed out beside a CPU hog).
     */
    static HttpResponse<String> send(URI endpoint, String contentType, String body, String bearerToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(Patience.RECOVERY)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearerToken != null) {
            request.header("Authorization", bearerToken.contains(" ") ? bearerToken : "Bearer " + bearerToken);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("request to " + endpoint + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String get(URI url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
