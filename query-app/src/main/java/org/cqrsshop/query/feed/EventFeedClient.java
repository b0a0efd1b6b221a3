package org.cqrsshop.query.feed;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.cqrsshop.common.event.EventEnvelope;
import org.cqrsshop.common.event.json.EventJson;
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
        return call(api.stream(streamId.toString(), afterVersion, PAGE_SIZE)).chain(page -> {
            List<EventEnvelope> events = envelopes(page);
            collected.addAll(events);
            if (!page.path("hasMore").asBoolean() || events.isEmpty()) {
                return Uni.createFrom().item(collected);
            }
            return streamEvents(streamId, events.get(events.size() - 1).streamVersion(), collected);
        });
    }

    /** One page of the global log, in the order transactions committed. */
    public Uni<FeedPage> page(String after, int limit) {
        return call(api.events(after, limit))
                .map(page -> new FeedPage(envelopes(page), page.path("next").asText(null), page.path("hasMore").asBoolean()));
    }

    /** How far the store is ahead of {@code appliedPosition}. */
    public Uni<FeedHead> head(long appliedPosition) {
        return call(api.head(appliedPosition)).map(head -> new FeedHead(
                head.path("headPosition").asLong(),
                head.path("pendingEvents").asLong(),
                head.hasNonNull("oldestPendingOccurredAt")
                        ? Instant.parse(head.get("oldestPendingOccurredAt").asText())
                        : null));
    }

    /**
     * A 4xx answer means we asked wrongly, which retrying cannot fix; anything else may pass,
     * including a 200 whose body could not be read.
     */
    private static Uni<JsonNode> call(Uni<JsonNode> request) {
        return request.onFailure().transform(failure -> {
            if (failure instanceof WebApplicationException refused && isClientError(refused.getResponse().getStatus())) {
                return new IllegalStateException("the event feed refused the request: " + refused.getMessage(), failure);
            }
            return new FeedUnavailable(failure);
        });
    }

    private static boolean isClientError(int status) {
        return status >= 400 && status < 500;
    }

    private static List<EventEnvelope> envelopes(JsonNode page) {
        List<EventEnvelope> events = new ArrayList<>();
        for (JsonNode event : page.path("events")) {
            events.add(EventJson.decodeEnvelope(event));
        }
        return events;
    }
}
