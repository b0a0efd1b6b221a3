package org.cqrsshop.command.feed;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.cqrsshop.common.error.ErrorCode;
import org.cqrsshop.common.feed.CommittedEvents;
import org.cqrsshop.common.feed.StoreHead;
import org.cqrsshop.common.feed.StreamEvents;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The catch-up feed over HTTP (docs/architecture.md). Internal: it serves every event to anyone
 * who asks, so it must stay inside the deployment.
 */
@Path("/feed")
@Produces(MediaType.APPLICATION_JSON)
public class EventFeedResource {

    private static final Logger LOG = Logger.getLogger(EventFeedResource.class);

    private final StoreFeed feed;

    public EventFeedResource(StoreFeed feed) {
        this.feed = feed;
    }

    @GET
    @Path("/streams/{streamId}")
    public Uni<StreamEvents> stream(
            @PathParam("streamId") String streamId,
            @QueryParam("afterVersion") String afterVersion,
            @QueryParam("limit") String limit) {
        UUID stream = FeedParameters.streamId(streamId);
        long after = FeedParameters.nonNegative("afterVersion", afterVersion);
        return feed.streamEvents(stream, after, FeedParameters.limit(limit));
    }

    @GET
    @Path("/events")
    public Uni<CommittedEvents> events(@QueryParam("after") String after, @QueryParam("limit") String limit) {
        return feed.committedAfter(FeedCursor.decode(after), FeedParameters.limit(limit));
    }

    @GET
    @Path("/head")
    public Uni<StoreHead> head(@QueryParam("afterPosition") String afterPosition) {
        return feed.head(FeedParameters.nonNegative("afterPosition", afterPosition));
    }

    // Both mappers are declared here, not globally, so that they answer for the feed only.

    @ServerExceptionMapper
    public Response invalid(InvalidFeedRequest invalid) {
        return failure(Response.Status.BAD_REQUEST, new Failure(ErrorCode.VALIDATION_FAILED, invalid.getMessage()));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception failure) {
        if (failure instanceof WebApplicationException web) {
            return web.getResponse(); // the framework's own answers (405, 406, ...) stay as they are
        }
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(failure, "Feed request failed [errorId %s]", errorId);
        return failure(Response.Status.INTERNAL_SERVER_ERROR,
                new Failure(ErrorCode.INTERNAL, "internal error, errorId " + errorId));
    }

    /** A refused or failed feed request, with a code from the one documented set. */
    record Failure(String code, String message) {

        Failure(ErrorCode code, String message) {
            this(code.name(), message);
        }
    }

    private static Response failure(Response.Status status, Failure body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
