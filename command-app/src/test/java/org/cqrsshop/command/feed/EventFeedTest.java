package org.cqrsshop.command.feed;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cqrsshop.command.eventstore.PgEventStore;
import org.cqrsshop.command.testing.ManualRelayProfile;
import org.cqrsshop.command.testing.StoredEvents;
import org.cqrsshop.common.event.EventTypes;
import org.cqrsshop.common.event.product.ProductDeleted;
import org.cqrsshop.common.event.product.ProductStockAdjusted;
import org.cqrsshop.common.id.ProductId;
import org.cqrsshop.testing.InfrastructureTestResource;
import org.cqrsshop.testing.TestPostgres;
import org.junit.jupiter.api.Test;

/** The catch-up feed over HTTP, against the real PostgreSQL. */
@QuarkusTest
@TestProfile(ManualRelayProfile.class)
@WithTestResource(value = InfrastructureTestResource.class,
        initArgs = @ResourceArg(name = "needs", value = "postgres,rabbitmq"))
class EventFeedTest {

    @Inject
    PgEventStore store;

    TestPostgres postgres;

    @Test
    void a_stream_is_served_in_version_order_a_page_at_a_time_after_the_version_asked_for() {
        ProductId mug = ProductId.random();
        StoredEvents.append(store, EventTypes.PRODUCT_STREAM, mug.value(), 0, StoredEvents.productCreated(mug));
        for (long version = 1; version < 5; version++) {
            StoredEvents.append(store, EventTypes.PRODUCT_STREAM, mug.value(), version,
                    new ProductStockAdjusted(mug, 1, (int) version + 1, "restock"));
        }

        JsonPath firstPage = get("/feed/streams/" + mug + "?afterVersion=1&limit=2");
        JsonPath lastPage = get("/feed/streams/" + mug + "?afterVersion=3&limit=2");
        JsonPath beyond = get("/feed/streams/" + mug + "?afterVersion=5");
        JsonPath unknown = get("/feed/streams/" + UUID.randomUUID());

        assertThat(firstPage.getString("streamId")).isEqualTo(mug.toString());
        assertThat(firstPage.getList("events.streamVersion", Long.class)).containsExactly(2L, 3L);
        assertThat(firstPage.getBoolean("hasMore")).isTrue();
        assertThat(firstPage.getString("events[0].eventType")).isEqualTo("ProductStockAdjusted");
        assertThat(lastPage.getList("events.streamVersion", Long.class)).containsExactly(4L, 5L);
        assertThat(beyond.getList("events")).isEmpty();
        assertThat(beyond.getBoolean("hasMore")).isFalse();
        assertThat(unknown.getList("events")).isEmpty();
    }

    @Test
    void paging_the_global_feed_returns_every_event_once_in_commit_order() {
        // Whatever earlier tests committed is not this test's business.
        String cursor = drainFrom(get("/feed/events?limit=1000").getString("next"));
        for (int i = 0; i < 7; i++) {
            ProductId product = ProductId.random();
            StoredEvents.append(store, EventTypes.PRODUCT_STREAM, product.value(), 0, StoredEvents.productCreated(product));
            StoredEvents.append(store, EventTypes.PRODUCT_STREAM, product.value(), 1, new ProductDeleted(product, "SKU"));
        }

        Map<String, Object> seen = new LinkedHashMap<>();
        List<Long> positions = new ArrayList<>();
        int pages = 0;
        JsonPath page;
        do {
            page = get("/feed/events?limit=3&after=" + cursor);
            for (Map<String, Object> event : page.<Map<String, Object>>getList("events")) {
                assertThat(seen.put((String) event.get("eventId"), event)).as("served twice").isNull();
                positions.add(((Number) event.get("globalPosition")).longValue());
            }
            cursor = page.getString("next");
            pages++;
        } while (page.getBoolean("hasMore"));

        assertThat(seen).hasSize(14);
        assertThat(pages).isEqualTo(5);
        assertThat(positions).isSorted();
        assertThat(get("/feed/events?after=" + cursor).getList("events")).isEmpty();
        assertThat(get("/feed/events?after=" + cursor).getString("next")).isEqualTo(cursor);
    }

    @Test
    void an_open_transaction_holds_back_what_commits_after_it_until_it_ends() throws Exception {
        String cursor = drainFrom(get("/feed/events?limit=1000").getString("next"));
        ProductId late = ProductId.random();
        ProductId early = ProductId.random();
        try (Connection open = postgres.connect()) {
            open.setAutoCommit(false);
            StoredEvents.insertProductCreated(open, late);
            StoredEvents.append(store, EventTypes.PRODUCT_STREAM, early.value(), 0, StoredEvents.productCreated(early));

            JsonPath whileOpen = get("/feed/events?after=" + cursor);
            assertThat(whileOpen.getList("events")).as("nothing past the open transaction").isEmpty();

            open.commit();
        }
        JsonPath afterCommit = get("/feed/events?after=" + cursor);
        assertThat(afterCommit.getList("events.streamId", String.class))
                .containsExactly(late.toString(), early.toString());
    }

    @Test
    void the_head_tells_how_many_events_follow_a_position_and_when_the_first_of_them_happened() {
        ProductId mug = ProductId.random();
        StoredEvents.append(store, EventTypes.PRODUCT_STREAM, mug.value(), 0, StoredEvents.productCreated(mug));
        StoredEvents.append(store, EventTypes.PRODUCT_STREAM, mug.value(), 1, new ProductDeleted(mug, "SKU"));
        JsonPath events = get("/feed/streams/" + mug);
        long first = events.getLong("events[0].globalPosition");
        long second = events.getLong("events[1].globalPosition");

        JsonPath head = get("/feed/head?afterPosition=" + (first - 1));
        JsonPath caughtUp = get("/feed/head?afterPosition=" + head.getLong("headPosition"));

        assertThat(head.getLong("headPosition")).isGreaterThanOrEqualTo(second);
        assertThat(head.getLong("pendingEvents")).isEqualTo(head.getLong("headPosition") - first + 1);
        assertThat(head.getString("oldestPendingOccurredAt")).isEqualTo(events.getString("events[0].occurredAt"));
        assertThat(caughtUp.getLong("pendingEvents")).isZero();
        assertThat(caughtUp.getString("oldestPendingOccurredAt")).isNull();
    }

    @Test
    void malformed_parameters_are_refused_with_validation_failed() {
        for (String path : List.of(
                "/feed/streams/not-a-uuid",
                "/feed/streams/" + UUID.randomUUID() + "?afterVersion=-1",
                "/feed/streams/" + UUID.randomUUID() + "?afterVersion=two",
                "/feed/events?limit=0",
                "/feed/events?limit=1001",
                "/feed/events?after=bm90LWEtY3Vyc29y",
                "/feed/head?afterPosition=-5")) {
            JsonPath refused = given().when().get(path).then().statusCode(400).extract().jsonPath();
            assertThat(refused.getString("code")).as(path).isEqualTo("VALIDATION_FAILED");
            assertThat(refused.getString("message")).as(path).isNotBlank();
        }
    }

    private String drainFrom(String cursor) {
        JsonPath page;
        do {
            page = get("/feed/events?limit=1000&after=" + cursor);
            cursor = page.getString("next");
        } while (page.getBoolean("hasMore"));
        return cursor;
    }

    private static JsonPath get(String path) {
        return given().when().get(path).then().statusCode(200).extract().jsonPath();
    }
}
