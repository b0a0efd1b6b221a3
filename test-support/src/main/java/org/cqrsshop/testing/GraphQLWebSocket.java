package org.cqrsshop.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code graphql-transport-ws} protocol by hand over a real WebSocket, for what a client
 * library hides: the server's pings (answered with pongs), and a client that stops reading from
 * its socket. {@link GraphQLSubscriber} is the client for everything else.
 */
public final class GraphQLWebSocket implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Small, so that a client that stops reading soon stops the server's writes too, as a real one
     * behind a slow link would; the kernel's default grows to megabytes on loopback.
     */
    private static final int RECEIVE_BUFFER_BYTES = 4096;

    private final Vertx vertx = Vertx.vertx();
    private final Map<String, GraphQLResults> subscriptions = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> acknowledged = new CompletableFuture<>();
    private final AtomicInteger nextId = new AtomicInteger();
    private final AtomicInteger pings = new AtomicInteger();
    private final AtomicInteger messages = new AtomicInteger();
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
        try {
            client.open(graphqlEndpoint);
            client.send(Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer " + bearerToken)));
            client.acknowledged.orTimeout(Patience.SERVICE.toSeconds(), TimeUnit.SECONDS).join();
            return client;
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /**
     * As {@link #connect(URI)}, with {@code authorization} as the {@code Authorization} of
     * {@code connection_init} exactly as given ({@code "Bearer eyJ..."}, or anything a hostile client
     * sends), or none at all when {@code null}.
     */
    public static GraphQLWebSocket connectWithAuthorization(URI graphqlEndpoint, String authorization) {
        GraphQLWebSocket client = new GraphQLWebSocket();
        try {
            client.open(graphqlEndpoint);
            client.send(Map.of("type", "connection_init", "payload",
                    authorization == null ? Map.of() : Map.of("Authorization", authorization)));
            // A server may refuse the connection by closing the socket instead of acknowledging it.
            CompletableFuture.anyOf(client.acknowledged, client.closed).orTimeout(Patience.SERVICE.toSeconds(), TimeUnit.SECONDS).join();
            return client;
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** Whether the server acknowledged {@code connection_init}. */
    public boolean acknowledged() {
        return acknowledged.isDone() && !acknowledged.isCompletedExceptionally();
    }

    private void open(URI graphqlEndpoint) {
        HttpClient http = vertx.createHttpClient(new HttpClientOptions().setReceiveBufferSize(RECEIVE_BUFFER_BYTES));
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setAbsoluteURI(graphqlEndpoint.toString().replaceFirst("^http", "ws"))
                .addSubProtocol("graphql-transport-ws")
                .setTimeout(10_000);
        socket = http.webSocket(options).toCompletionStage().toCompletableFuture().orTimeout(Patience.SERVICE.toSeconds(), TimeUnit.SECONDS).join();
        socket.textMessageHandler(text -> {
            messages.incrementAndGet();
            try {
                received(JSON.readTree(text));
            } catch (java.io.IOException e) {
                throw new IllegalStateException("not JSON: " + text, e);
            }
        });
        socket.closeHandler(ignored -> closed.complete((int) socket.closeStatusCode()));
        socket.exceptionHandler(closed::completeExceptionally);
    }

    public GraphQLResults subscribe(String document) {
        return subscribe(document, Map.of());
    }

    /** Subscribes with these variables, sent as given (a client may send any JSON value). */
    public GraphQLResults subscribe(String document, Map<String, Object> variables) {
        String id = String.valueOf(nextId.incrementAndGet());
        GraphQLResults results = new GraphQLResults(document);
        subscriptions.put(id, results);
        send(Map.of("type", "subscribe", "id", id, "payload", Map.of("query", document, "variables", variables)));
        return results;
    }

    /**
     * Stops reading from the socket, as a stuck client would: the server's writes pile up in the
     * network, then wait on the server.
     */
    public void stopReading() {
        socket.pause();
    }

    /** Reads again: what the server wrote meanwhile arrives. */
    public void readAgain() {
        socket.resume();
    }

    /** Pings the server sent so far; a client answers each with a pong. */
    public int pingsReceived() {
        return pings.get();
    }

    /** Messages of every kind received so far. */
    public int messagesReceived() {
        return messages.get();
    }

    /** The close code, once the server has closed the socket. */
    public CompletableFuture<Integer> closed() {
        return closed;
    }

    @Override
    public void close() {
        subscriptions.values().forEach(GraphQLResults::closedByClient);
        try {
            if (socket != null && !socket.isClosed()) {
                socket.close().toCompletionStage().toCompletableFuture().orTimeout(5, TimeUnit.SECONDS)
                        .exceptionally(ignored -> null).join();
            }
        } finally {
            vertx.close();
        }
    }

    private void send(Map<String, Object> message) {
        try {
            socket.writeTextMessage(JSON.writeValueAsString(message)).toCompletionStage().toCompletableFuture()
                    .orTimeout(Patience.SERVICE.toSeconds(), TimeUnit.SECONDS).join();
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
                socket.writeTextMessage("{\"type\":\"pong\"}");
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
}
