package org.cqrsshop.command.feed;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import org.cqrsshop.common.error.ErrorCode;
import org.cqrsshop.common.event.EventEnvelope;
import org.cqrsshop.common.event.json.EventJson;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The catch-up feed over HTTP (docs/architecture.md). Internal: it serves every event to anyone
 * who asks, so it must stay inside the deployment. Parameters arrive as text so that a malformed
 * one gets our 400 rather than the framework's 404.
 */
@Path("/feed")
@Produces(MediaType.APPLICATION_JSON)
public class EventFeedResource {

    private static final Logger LOG = Logger.getLogger(EventFeedResource.class);
    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 1000;

    private final EventFeed feed;

    public EventFeedResource(EventFeed feed) {
        this.feed = feed;
    }

    @GET
    @Path("/streams/{streamId}")
    public Uni<ObjectNode> stream(
            @PathParam("streamId") String streamId,
            @QueryParam("afterVersion") String afterVersion,
            @QueryParam("limit") String limit) {
        UUID stream = uuid(streamId);
        int pageSize = limit(limit);
        return feed.streamEvents(stream, nonNegative("afterVersion", afterVersion), pageSize)
                .map(events -> EventJson.mapper().createObjectNode()
                        .put("streamId", stream.toString())
                        .<ObjectNode>set("events", json(events))
                        .put("hasMore", events.size() == pageSize));
    }

    @GET
    @Path("/events")
    public Uni<ObjectNode> events(@QueryParam("after") String after, @QueryParam("limit") String limit) {
        return feed.committedAfter(FeedCursor.decode(after), limit(limit))
                .map(page -> EventJson.mapper().createObjectNode()
                        .<ObjectNode>set("events", json(page.events()))
                        .put("next", page.next().encode())
                        .put("hasMore", page.hasMore()));
    }

    @GET
    @Path("/head")
    public Uni<ObjectNode> head(@QueryParam("afterPosition") String afterPosition) {
        return feed.head(nonNegative("afterPosition", afterPosition))
                .map(head -> EventJson.mapper().createObjectNode()
                        .put("headPosition", head.headPosition())
                        .put("pendingEvents", head.pendingEvents())
                        .put("oldestPendingOccurredAt",
                                head.oldestPendingOccurredAt() == null ? null : head.oldestPendingOccurredAt().toString()));
    }

    @ServerExceptionMapper
    public Response invalid(InvalidFeedRequest invalid) {
        return error(Response.Status.BAD_REQUEST, ErrorCode.VALIDATION_FAILED, invalid.getMessage());
    }

    @ServerExceptionMapper
    public Response unexpected(Exception failure) {
        if (failure instanceof jakarta.ws.rs.WebApplicationException web) {
            return web.getResponse();
        }
        UUID errorId = UUID.randomUUID();
        LOG.errorf(failure, "Feed request failed [errorId %s]", errorId);
        return error(Response.Status.INTERNAL_SERVER_ERROR, ErrorCode.INTERNAL, "internal error, errorId " + errorId);
    }

    private static Response error(Response.Status status, ErrorCode code, String message) {
        ObjectNode body = EventJson.mapper().createObjectNode().put("code", code.name()).put("message", message);
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }

    private static ArrayNode json(List<EventEnvelope> events) {
        ArrayNode array = EventJson.mapper().createArrayNode();
        for (EventEnvelope event : events) {
            try {
                array.add(EventJson.mapper().readTree(EventJson.encodeEnvelope(event)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return array;
    }

    private static UUID uuid(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidFeedRequest("streamId must be a UUID");
        }
    }

    private static int limit(String text) {
        if (text == null || text.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        long limit = number("limit", text);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidFeedRequest("limit must be between 1 and " + MAX_LIMIT);
        }
        return (int) limit;
    }

    private static long nonNegative(String name, String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        long value = number(name, text);
        if (value < 0) {
            throw new InvalidFeedRequest(name + " must not be negative");
        }
        return value;
    }

    private static long number(String name, String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new InvalidFeedRequest(name + " must be a whole number");
        }
    }
}
