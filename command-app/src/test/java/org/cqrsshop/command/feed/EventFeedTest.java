package org.cqrsshop.command.feed;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cqrsshop.command.eventstore.PgEventStore;
import org.cqrsshop.command.testing.ManualRelayProfile;
import org.cqrsshop.command.testing.StoredEvents;
import org.cqrsshop.common.event.EventEnvelope;
import org.cqrsshop.common.event.EventTypes;
import org.cqrsshop.common.event.json.EventJson;
import org.cqrsshop.common.event.product.ProductDeleted;
import org.cqrsshop.common.event.product.ProductStockAdjusted;
import org.cqrsshop.common.id.ProductId;
import org.cqrsshop.testing.InfrastructureTestResource;
import org.cqrsshop.testing.Patience;
import org.cqrsshop.testing.TestPostgres;
import org.junit.jupiter.api.Test;

/**
 * The catch-up feed over HTTP, against the real PostgreSQL. The relay is off, so nothing but
 * these tests writes to the store. Global-feed reads that must see a commit wait for it, because
 * the snapshot horizon is server-wide: a transaction of another database on the same server can
 * hold the feed back for a moment.
 */
@QuarkusTest
@TestProfile(ManualRelayProfile.class)
@WithTestResource(value = InfrastructureTestResource.class,
        initArgs = @ResourceArg(name = "needs", value = "postgres,rabbitmq"))
class EventFeedTest {

    private static final Duration WAIT = Patience.SERVICE;
    private static final ObjectMapper JSON = EventJson.mapper();

    @Inject
    PgEventStore store;

    TestPostgres postgres;

    @Test
    void a_stream_is_served_in_version_order_a_page_at_a_time_after_the_version_asked_for() {
        ProductId mug = ProductId.random();
        created(mug);
        for (long version = 1; version < 5; version++) {
            StoredEvents.append(store, EventTypes.PRODUCT_STREAM, mug.value(), version,
                    new ProductStockAdjusted(mug, 1, (int) version + 1, "restock"));
        }

        JsonPath firstPage = get("/feed/streams/" + mug + "?afterVersion=1&limit=2");
        JsonPath lastPage = get("/feed/streams/" + mug + "?afterVersion=3&limit=2");
        JsonPath shortPage = get("/feed/streams/" + mug + "?afterVersion=2&limit=5");
        JsonPath whole = get("/feed/streams/" + mug);
        JsonPath beyond = get("/feed/streams/" + mug + "?afterVersion=5");

        assertThat(firstPage.getString("streamId")).isEqualTo(mug.toString());
        assertThat(firstPage.getList("events.streamVersion", Long.class)).containsExactly(2L, 3L);
        assertThat(firstPage.getList("events.eventType", String.class))
                .containsExactly("ProductStockAdjusted", "ProductStockAdjusted");
        assertThat(firstPage.getBoolean("hasMore")).isTrue();
        assertThat(lastPage.getList("events.streamVersion", Long.class)).containsExactly(4L, 5L);
        assertThat(lastPage.getBoolean("hasMore")).as("a full page may be followed by more").isTrue();
        assertThat(shortPage.getList("events.streamVersion", Long.class)).containsExactly(3L, 4L, 5L);
        assertThat(shortPage.getBoolean("hasMore")).isFalse();
        assertThat(whole.getList("events.streamVersion", Long.class)).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(whole.getString("events[0].eventType")).isEqualTo("ProductCreated");
        assertThat(beyond.getList("events")).isEmpty();
        assertThat(beyond.getBoolean("hasMore")).isFalse();
    }

    @Test
    void an_unknown_stream_is_an_empty_page_not_an_error() {
        UUID nobody = UUID.randomUUID();

        JsonPath page = get("/feed/streams/" + nobody);

        assertThat(page.getString("streamId")).isEqualTo(nobody.toString());
        assertThat(page.getList("events")).isEmpty();
        assertThat(page.getBoolean("hasMore")).isFalse();
    }

    @Test
    void an_event_is_served_in_exactly_the_json_form_the_broker_gets() throws Exception {
        ProductId mug = ProductId.random();
        created(mug);

        JsonNode served = JSON.readTree(given().when().get("/feed/streams/" + mug)
                .then().statusCode(200).extract().asByteArray()).get("events").get(0);
        EventEnvelope envelope = EventJson.decodeEnvelope(JSON.writeValueAsBytes(served));

        assertThat(served.isObject()).as("embedded as an object, not as a string").isTrue();
        assertThat(envelope.event()).isEqualTo(StoredEvents.productCreated(mug));
        assertThat(envelope.streamId()).isEqualTo(mug.value());
        assertThat(envelope.streamType()).isEqualTo(EventTypes.PRODUCT_STREAM);
        assertThat(envelope.streamVersion()).isEqualTo(1);
        assertThat(served).isEqualTo(JSON.readTree(EventJson.encodeEnvelope(envelope)));
    }

    @Test
    void paging_the_global_feed_returns_every_event_once_in_commit_order() {
        String cursor = cursorPastEverythingCommitted();
        List<String> committed = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ProductId product = ProductId.random();
            created(product);
            deleted(product);
            committed.add(product + "@1");
            committed.add(product + "@2");
        }
        String start = cursor;
        await().atMost(WAIT).until(() -> get("/feed/events?limit=1000&after=" + start).getList("events").size() == 14);

        List<String> served = new ArrayList<>();
        List<Long> positions = new ArrayList<>();
        int pages = 0;
        JsonPath page;
        do {
            page = get("/feed/events?limit=3&after=" + cursor);
            for (Map<String, Object> event : page.<Map<String, Object>>getList("events")) {
                served.add(event.get("streamId") + "@" + event.get("streamVersion"));
                positions.add(((Number) event.get("globalPosition")).longValue());
            }
            cursor = page.getString("next");
            pages++;
        } while (page.getBoolean("hasMore"));

        assertThat(served).as("each once, in the order their transactions committed").isEqualTo(committed);
        assertThat(positions).isSorted();
        assertThat(pages).as("four full pages of 3, then one of 2").isEqualTo(5);
        JsonPath past = get("/feed/events?after=" + cursor);
        assertThat(past.getList("events")).isEmpty();
        assertThat(past.getBoolean("hasMore")).isFalse();
        assertThat(past.getString("next")).as("an empty page leaves the reader where it was").isEqualTo(cursor);
    }

    @Test
    void without_a_cursor_the_feed_starts_at_the_beginning() {
        ProductId mug = ProductId.random();
        created(mug);
        long position = get("/feed/streams/" + mug).getLong("events[0].globalPosition");

        List<Long> fromStart = await().atMost(WAIT).until(this::everyCommittedPosition,
                all -> all.size() == get("/feed/head?afterPosition=0").getLong("pendingEvents"));

        assertThat(fromStart).contains(position).doesNotHaveDuplicates();
    }

    @Test
    void transactions_follow_in_numeric_order_where_their_ids_grow_a_digit() throws Exception {
        ProductId ninetyNine = ProductId.random();
        ProductId hundred = ProductId.random();
        try (Connection connection = postgres.connect()) {
            // As if written by transactions 100 and then 99, long ended; as text, "100" sorts before "99".
            StoredEvents.insertProductCreated(connection, hundred, 100L);
            StoredEvents.insertProductCreated(connection, ninetyNine, 99L);
        }

        JsonPath first = get("/feed/events?limit=2");
        assertThat(first.getList("events.streamId", String.class)).containsExactly(ninetyNine.toString(), hundred.toString());
        JsonPath next = get("/feed/events?limit=1&after=" + first.getString("next"));
        assertThat(next.getList("events.streamId", String.class)).doesNotContain(ninetyNine.toString(), hundred.toString());
    }

    @Test
    void an_open_transaction_holds_back_what_commits_after_it_until_it_ends() throws Exception {
        String cursor = cursorPastEverythingCommitted();
        ProductId late = ProductId.random();
        ProductId early = ProductId.random();
        try (Connection open = postgres.connect()) {
            open.setAutoCommit(false);
            try (Statement statement = open.createStatement()) {
                statement.execute("SELECT pg_current_xact_id()"); // takes the lower transaction id now
            }
            created(early);
            StoredEvents.insertProductCreated(open, late); // ... and the higher position

            assertThat(get("/feed/streams/" + early.value()).getList("events")).as("committed").hasSize(1);
            JsonPath whileOpen = get("/feed/events?after=" + cursor);
            assertThat(whileOpen.getList("events")).as("nothing past the open transaction").isEmpty();
            assertThat(whileOpen.getString("next")).isEqualTo(cursor);

            open.commit();
        }
        JsonPath afterCommit = await().atMost(WAIT).until(() -> get("/feed/events?after=" + cursor),
                page -> page.getList("events").size() >= 2);
        assertThat(afterCommit.getList("events.streamId", String.class))
                .as("in transaction order, not in position order")
                .containsExactly(late.toString(), early.toString());
        List<Long> positions = afterCommit.getList("events.globalPosition", Long.class);
        assertThat(positions.get(0)).isGreaterThan(positions.get(1));
    }

    @Test
    void the_head_tells_how_many_events_follow_a_position_and_when_the_first_of_them_happened() {
        ProductId mug = ProductId.random();
        created(mug);
        deleted(mug);
        JsonPath events = get("/feed/streams/" + mug);
        long first = events.getLong("events[0].globalPosition");
        long second = events.getLong("events[1].globalPosition");

        JsonPath beforeBoth = get("/feed/head?afterPosition=" + (first - 1));
        JsonPath betweenThem = get("/feed/head?afterPosition=" + first);
        JsonPath caughtUp = get("/feed/head?afterPosition=" + second);

        assertThat(beforeBoth.getLong("headPosition")).isEqualTo(second);
        assertThat(beforeBoth.getLong("pendingEvents")).isEqualTo(2);
        assertThat(beforeBoth.getString("oldestPendingOccurredAt"))
                .isEqualTo(events.getString("events[0].occurredAt"));
        assertThat(betweenThem.getLong("pendingEvents")).isEqualTo(1);
        assertThat(betweenThem.getString("oldestPendingOccurredAt"))
                .isEqualTo(events.getString("events[1].occurredAt"));
        assertThat(caughtUp.getLong("headPosition")).isEqualTo(second);
        assertThat(caughtUp.getLong("pendingEvents")).isZero();
        assertThat(caughtUp.getMap("$")).containsEntry("oldestPendingOccurredAt", null);
    }

    @Test
    void malformed_parameters_are_refused_with_validation_failed_naming_the_parameter() {
        String stream = "/feed/streams/" + UUID.randomUUID();
        Map<String, String> parameterByPath = Map.ofEntries(
                Map.entry("/feed/streams/not-a-uuid", "streamId"),
                Map.entry("/feed/streams/1-2-3-4-5", "streamId"),
                Map.entry(stream + "?afterVersion=-1", "afterVersion"),
                Map.entry(stream + "?afterVersion=two", "afterVersion"),
                Map.entry(stream + "?limit=0", "limit"),
                Map.entry(stream + "?limit=many", "limit"),
                Map.entry("/feed/events?limit=0", "limit"),
                Map.entry("/feed/events?limit=1001", "limit"),
                Map.entry("/feed/events?after=" + base64("not-a-cursor"), "after"),
                Map.entry("/feed/events?after=" + base64("18446744073709551616:1"), "after"),
                Map.entry("/feed/events?after=%2A%2A", "after"),
                Map.entry("/feed/head?afterPosition=-5", "afterPosition"),
                Map.entry("/feed/head?afterPosition=x", "afterPosition"));

        parameterByPath.forEach((path, parameter) -> {
            JsonPath refused = given().when().get(path).then().statusCode(400).extract().jsonPath();
            assertThat(refused.getString("code")).as(path).isEqualTo("VALIDATION_FAILED");
            assertThat(refused.getString("message")).as(path).contains(parameter);
        });
    }

    @Test
    void a_limit_at_either_end_of_its_range_is_honoured() {
        String cursor = cursorPastEverythingCommitted();
        ProductId mug = ProductId.random();
        created(mug);
        deleted(mug);

        JsonPath upToMost = await().atMost(WAIT).until(() -> get("/feed/events?limit=1000&after=" + cursor),
                page -> page.getList("events").size() == 2);
        JsonPath one = get("/feed/events?limit=1&after=" + cursor);

        assertThat(upToMost.getBoolean("hasMore")).isFalse();
        assertThat(one.getList("events.streamVersion", Long.class)).containsExactly(1L);
        assertThat(one.getBoolean("hasMore")).isTrue();
    }

    private void created(ProductId product) {
        StoredEvents.append(store, EventTypes.PRODUCT_STREAM, product.value(), 0, StoredEvents.productCreated(product));
    }

    /** The second event of a product created by {@link #created}. */
    private void deleted(ProductId product) {
        StoredEvents.append(store, EventTypes.PRODUCT_STREAM, product.value(), 1, new ProductDeleted(product, "SKU"));
    }

    /** A cursor past every event committed so far, once the feed shows all of them. */
    private String cursorPastEverythingCommitted() {
        return await().atMost(WAIT).until(() -> {
            long committed = get("/feed/head?afterPosition=0").getLong("pendingEvents");
            long served = 0;
            String cursor = null;
            JsonPath page;
            do {
                page = get("/feed/events?limit=1000" + (cursor == null ? "" : "&after=" + cursor));
                served += page.getList("events").size();
                cursor = page.getString("next");
            } while (page.getBoolean("hasMore"));
            return served == committed ? cursor : null;
        }, cursor -> cursor != null);
    }

    private List<Long> everyCommittedPosition() {
        List<Long> positions = new ArrayList<>();
        String cursor = null;
        JsonPath page;
        do {
            page = get("/feed/events?limit=1000" + (cursor == null ? "" : "&after=" + cursor));
            positions.addAll(page.getList("events.globalPosition", Long.class));
            cursor = page.getString("next");
        } while (page.getBoolean("hasMore"));
        return positions;
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonPath get(String path) {
        return given().when().get(path).then().statusCode(200).extract().jsonPath();
    }
}
