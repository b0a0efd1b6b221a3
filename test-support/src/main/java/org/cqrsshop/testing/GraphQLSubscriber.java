package org.cqrsshop.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.graphql.client.GraphQLClientException;
import io.smallrye.graphql.client.GraphQLError;
import io.smallrye.graphql.client.Response;
import io.smallrye.graphql.client.dynamic.api.DynamicGraphQLClient;
import io.smallrye.graphql.client.vertx.dynamic.VertxDynamicGraphQLClientBuilder;
import io.smallrye.graphql.client.websocket.WebsocketSubprotocol;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Vertx;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Subscriptions as a Java consumer of the API opens them: the SmallRye dynamic GraphQL client,
 * over a real WebSocket speaking {@code graphql-transport-ws}. Results come back as JSON, the
 * way the server sent them.
 */
public final class GraphQLSubscriber implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Vertx VERTX = Vertx.vertx();

    private final DynamicGraphQLClient client;
    private final List<Cancellable> subscriptions = new CopyOnWriteArrayList<>();
    private final List<GraphQLResults> opened = new CopyOnWriteArrayList<>();

    private GraphQLSubscriber(DynamicGraphQLClient client) {
        this.client = client;
    }

    /**
     * A client of the GraphQL endpoint ({@code http://host:port/graphql}), signed in as an admin; it
     * connects with its first subscription.
     */
    public static GraphQLSubscriber to(URI graphqlEndpoint) {
        return to(graphqlEndpoint, TestTokens.admin());
    }

    /** As {@link #to(URI)}, with the bearer token sent in {@code connection_init}, as browsers must. */
    public static GraphQLSubscriber to(URI graphqlEndpoint, String bearerToken) {
        return new GraphQLSubscriber(new VertxDynamicGraphQLClientBuilder()
                .vertx(VERTX)
                .url(graphqlEndpoint.toString())
                .subprotocols(WebsocketSubprotocol.GRAPHQL_TRANSPORT_WS)
                .initPayload(Map.of("Authorization", "Bearer " + bearerToken))
                .build());
    }

    public GraphQLResults subscribe(String document) {
        GraphQLResults results = new GraphQLResults(document);
        opened.add(results);
        subscriptions.add(client.subscription(document).subscribe().with(
                response -> results.add(json(response)),
                failure -> {
                    results.add(failure(failure));
                    results.complete();
                },
                results::complete));
        return results;
    }

    @Override
    public void close() throws Exception {
        subscriptions.forEach(Cancellable::cancel);
        opened.forEach(GraphQLResults::closedByClient);
        client.close();
    }

    private static JsonNode json(Response response) {
        ObjectNode result = JSON.createObjectNode();
        try {
            result.set("data", response.hasData() ? JSON.readTree(response.getData().toString()) : null);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        if (response.hasError()) {
            result.set("errors", errors(response.getErrors()));
        }
        return result;
    }

    /** The client reports an operation that ended in errors as a failure; the errors are what the server sent. */
    private static JsonNode failure(Throwable failure) {
        ObjectNode result = JSON.createObjectNode();
        if (failure instanceof GraphQLClientException withErrors && withErrors.getErrors() != null) {
            result.set("errors", errors(withErrors.getErrors()));
        } else {
            result.set("errors", JSON.createArrayNode().add(JSON.createObjectNode().put("message", failure.toString())));
        }
        return result;
    }

    private static ArrayNode errors(List<GraphQLError> errors) {
        ArrayNode array = JSON.createArrayNode();
        for (GraphQLError error : errors) {
            ObjectNode node = array.addObject().put("message", error.getMessage());
            Map<String, Object> extensions = error.getExtensions();
            node.set("extensions", JSON.valueToTree(extensions == null ? Map.of() : extensions));
        }
        return array;
    }
}
