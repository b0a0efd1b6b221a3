package org.cqrsshop.query.feed;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The command-app's catch-up feed over HTTP; docs/architecture.md describes the contract. */
@RegisterRestClient(configKey = "event-feed")
@Path("/feed")
public interface EventFeedApi {

    @GET
    @Path("/streams/{streamId}")
    Uni<JsonNode> stream(
            @PathParam("streamId") String streamId,
            @QueryParam("afterVersion") long afterVersion,
            @QueryParam("limit") int limit);

    @GET
    @Path("/events")
    Uni<JsonNode> events(@QueryParam("after") String after, @QueryParam("limit") int limit);

    @GET
    @Path("/head")
    Uni<JsonNode> head(@QueryParam("afterPosition") long afterPosition);
}
