package org.cqrsshop.command.feed;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.cqrsshop.common.error.ErrorCode;
import org.cqrsshop.common.event.EventEnvelope;
import org.cqrsshop.common.event.json.EventJson;

/** The feed's JSON bodies, in one place because the query-app reads exactly these field names. */
final class FeedResponses {

    private FeedResponses() {}

    record StreamEvents(String streamId, List<JsonNode> events, boolean hasMore) {

        static StreamEvents of(UUID streamId, StoreFeed.StreamPage page) {
            return new StreamEvents(streamId.toString(), envelopes(page.events()), page.hasMore());
        }
    }

    record CommittedEvents(List<JsonNode> events, String next, boolean hasMore) {

        static CommittedEvents of(StoreFeed.CommittedPage page) {
            return new CommittedEvents(envelopes(page.events()), page.next().encode(), page.hasMore());
        }
    }

    record Head(
            long headPosition,
            long pendingEvents,
            @JsonInclude(JsonInclude.Include.ALWAYS) String oldestPendingOccurredAt) {

        static Head of(StoreFeed.StoreHead head) {
            Instant oldest = head.oldestPendingOccurredAt();
            return new Head(head.headPosition(), head.pendingEvents(), oldest == null ? null : oldest.toString());
        }
    }

    record Failure(String code, String message) {

        Failure(ErrorCode code, String message) {
            this(code.name(), message);
        }
    }

    /**
     * Each event exactly as {@link EventJson#encodeEnvelope} writes it for the broker, so that a
     * reader decodes feed and broker events alike.
     */
    private static List<JsonNode> envelopes(List<EventEnvelope> events) {
        return events.stream().<JsonNode>map(EventJson::envelopeTree).toList();
    }
}
