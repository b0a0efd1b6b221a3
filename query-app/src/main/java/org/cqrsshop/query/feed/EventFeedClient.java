package org.cqrsshop.query.feed;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.cqrsshop.common.event.EventEnvelope;
import org.cqrsshop.common.event.json.FeedJson;
import org.cqrsshop.common.feed.CommittedEvents;
import org.cqrsshop.common.feed.StoreHead;
import org.cqrsshop.common.feed.StreamEvents;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Reads committed events straight from the event store, through the command-app: the read
 * side's way to fill a gap the broker left, and to replay everything for a rebuild.
 */
@ApplicationScoped
public class EventFeedClient {

    static final int PAGE_SIZE = 500;

    private final EventFeedApi api;

    public EventFeedClient(@RestClient EventFeedApi api) {
        this.api = api;
    }

    /** Every event of one stream after {@code afterVersion}, in version order. */
    public Uni<List<EventEnvelope>> streamEvents(UUID streamId, long afterVersion) {
        return streamEvents(streamId, afterVersion, new ArrayList<>());
    }

    private Uni<List<EventEnvelope>> streamEvents(UUID streamId, long afterVersion, List<EventEnvelope> collected) {
        return call(api.stream(streamId.toString(), afterVersion, PAGE_SIZE), StreamEvents.class).chain(page -> {
            List<EventEnvelope> events = page.events();
            collected.addAll(events);
            if (!page.hasMore() || events.isEmpty()) {
                return Uni.createFrom().item(collected);
            }
            return streamEvents(streamId, events.get(events.size() - 1).streamVersion(), collected);
        });
    }

    /** One page of the global log, in the order transactions committed. */
    public Uni<CommittedEvents> page(String after, int limit) {
        return call(api.events(after, limit), CommittedEvents.class);
    }

    /** How far the store is ahead of {@code appliedPosition}. */
    public Uni<StoreHead> head(long appliedPosition) {
        return call(api.head(appliedPosition), StoreHead.class);
    }

    /**
     * A 4xx answer means we asked wrongly, which retrying cannot fix; anything else may pass,
     * including a 200 whose body could not be read. The body is decoded here with the feed's own
     * codec, not by the REST client, so that an unreadable page is such a failure and nothing else.
     */
    private static <T> Uni<T> call(Uni<JsonNode> request, Class<T> body) {
        return request.map(json -> FeedJson.decode(json, body)).onFailure().transform(failure -> {
            if (failure instanceof WebApplicationException refused && isClientError(refused.getResponse().getStatus())) {
                return new IllegalStateException("the event feed refused the request: " + refused.getMessage(), failure);
            }
            return new FeedUnavailable(failure);
        });
    }

    private static boolean isClientError(int status) {
        return status >= 400 && status < 500;
    }
}
