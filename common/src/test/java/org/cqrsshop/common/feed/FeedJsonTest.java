package org.cqrsshop.common.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.cqrsshop.common.event.EventEnvelope;
import org.cqrsshop.common.event.EventTypes;
import org.cqrsshop.common.event.json.EventDecodingException;
import org.cqrsshop.common.event.json.EventJson;
import org.cqrsshop.common.event.json.FeedJson;
import org.cqrsshop.common.event.product.ProductDeleted;
import org.cqrsshop.common.id.ProductId;
import org.junit.jupiter.api.Test;

class FeedJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ProductId product = ProductId.random();

    @Test
    void every_page_reads_back_equal_to_what_was_written() throws IOException {
        StreamEvents stream = new StreamEvents(product.value(), List.of(deleted(1, 10), deleted(2, 11)), true);
        CommittedEvents committed = new CommittedEvents(List.of(deleted(1, 10)), "b3BhcXVl", false);
        StoreHead head = new StoreHead(11, 1, Instant.parse("2026-12-07T10:15:30.123456Z"));

        assertThat(roundTrip(stream, StreamEvents.class)).isEqualTo(stream);
        assertThat(roundTrip(committed, CommittedEvents.class)).isEqualTo(committed);
        assertThat(roundTrip(head, StoreHead.class)).isEqualTo(head);
    }

    @Test
    void a_head_with_nothing_pending_says_so_with_null() throws IOException {
        JsonNode written = JSON.readTree(FeedJson.encode(new StoreHead(7, 0, null)));

        assertThat(written.has("oldestPendingOccurredAt")).isTrue();
        assertThat(written.get("oldestPendingOccurredAt").isNull()).isTrue();
        assertThat(FeedJson.decode(written, StoreHead.class).oldestPendingOccurredAt()).isNull();
    }

    @Test
    void each_event_in_a_page_is_written_as_the_broker_carries_it() throws IOException {
        EventEnvelope event = deleted(1, 10);

        JsonNode page = JSON.readTree(FeedJson.encode(new CommittedEvents(List.of(event), "next", false)));

        assertThat(page.path("events").get(0)).isEqualTo(JSON.readTree(EventJson.encodeEnvelope(event)));
    }

    @Test
    void a_page_with_an_unreadable_event_is_a_decoding_error() throws IOException {
        ObjectNode page = (ObjectNode) JSON.readTree(FeedJson.encode(new StreamEvents(product.value(), List.of(deleted(1, 10)), false)));
        ((ObjectNode) page.path("events").get(0)).put("eventType", "NoSuchEvent");

        assertThatThrownBy(() -> FeedJson.decode(page, StreamEvents.class))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageContaining("NoSuchEvent");
    }

    @Test
    void a_body_of_another_shape_is_a_decoding_error() throws IOException {
        JsonNode notAHead = JSON.readTree("{\"headPosition\":\"far\"}");

        assertThatThrownBy(() -> FeedJson.decode(notAHead, StoreHead.class))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageContaining("StoreHead");
    }

    private EventEnvelope deleted(long version, long position) {
        return new EventEnvelope(UUID.randomUUID(), product.value(), EventTypes.PRODUCT_STREAM, version, position,
                Instant.parse("2026-12-07T10:15:30.123456Z"), UUID.randomUUID(), UUID.randomUUID(), "tester",
                new ProductDeleted(product, "SKU-1"));
    }

    private static <T> T roundTrip(T body, Class<T> type) throws IOException {
        return FeedJson.decode(JSON.readTree(FeedJson.encode(body)), type);
    }
}
