package org.cqrsshop.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code graphql-transport-ws} protocol by hand over a real WebSocket, for what a client
 * library hides: the server's pings (answered with pongs), and a client that stops reading from
 * its socket. {@link GraphQLSubscriber} is the client for everything else.
 */
public final class GraphQLWebSocket implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Map<String, GraphQLResults> subscriptions = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> acknowledged = new CompletableFuture<>();
    private final AtomicInteger nextId = new AtomicInteger();
    private final AtomicInteger pings = new AtomicInteger();
    private final AtomicBoolean reading = new AtomicBoolean(true);
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private WebSocket socket;

    private GraphQLWebSocket() {}

    /**
     * Opens a socket to the GraphQL endpoint ({@code http://host:port/graphql}) and initialises the
     * connection as an admin.
     */
    public static GraphQLWebSocket connect(URI graphqlEndpoint) {
        return connect(graphqlEndpoint, TestTokens.admin());
    }

    /** As {@link #connect(URI)}, with this bearer token in {@code connection_init}. */
    public static GraphQLWebSocket connect(URI graphqlEndpoint, String bearerToken) {
        GraphQLWebSocket client = new GraphQLWebSocket();
        URI ws = URI.create(graphqlEndpoint.toString().replaceFirst("^http", "ws"));
        client.socket = HTTP.newWebSocketBuilder()
                .subprotocols("graphql-transport-ws")
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(ws, client.new Reader())
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
        client.send(Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer " + bearerToken)));
        client.acknowledged.orTimeout(10, TimeUnit.SECONDS).join();
        return client;
    }

    public GraphQLResults subscribe(String document) {
        String id = String.valueOf(nextId.incrementAndGet());
        GraphQLResults results = new GraphQLResults();
        subscriptions.put(id, results);
        send(Map.of("type", "subscribe", "id", id, "payload", Map.of("query", document)));
        return results;
    }

    /** Stops reading from the socket, as a stuck client would; the server's writes pile up in the network. */
    public void stopReading() {
        reading.set(false);
    }

    /** Pings the server sent so far; a client answers each with a pong. */
    public int pingsReceived() {
        return pings.get();
    }

    /** The close code, once the server has closed the socket. */
    public CompletableFuture<Integer> closed() {
        return closed;
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(5, TimeUnit.SECONDS).exceptionally(ignored -> null).join();
        }
        socket.abort();
    }

    private void send(Map<String, Object> message) {
        try {
            synchronized (this) {
                socket.sendText(JSON.writeValueAsString(message), true).orTimeout(10, TimeUnit.SECONDS).join();
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void received(JsonNode message) {
        String type = message.path("type").asText();
        switch (type) {
            case "connection_ack" -> acknowledged.complete(null);
            case "ping" -> {
                pings.incrementAndGet();
                CompletableFuture.runAsync(() -> send(Map.of("type", "pong")));
            }
            case "next", "error", "complete" -> {
                GraphQLResults results = subscriptions.get(message.path("id").asText());
                if (results == null) {
                    return;
                }
                if (type.equals("next")) {
                    results.add(message.path("payload"));
                } else if (type.equals("error")) {
                    results.add(JSON.createObjectNode().set("errors", message.path("payload")));
                } else {
                    results.complete();
                }
            }
            default -> { }
        }
    }

    private final class Reader implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    received(JSON.readTree(text));
                } catch (java.io.IOException e) {
                    throw new IllegalStateException("not JSON: " + text, e);
                }
            }
            if (reading.get()) {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
