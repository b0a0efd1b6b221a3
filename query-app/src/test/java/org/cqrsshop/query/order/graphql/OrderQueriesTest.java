package org.cqrsshop.query.order.graphql;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.cqrsshop.common.address.ShippingAddress;
import org.cqrsshop.common.event.EventEnvelope;
import org.cqrsshop.common.event.order.OrderStatus;
import org.cqrsshop.common.id.CustomerId;
import org.cqrsshop.common.id.OrderId;
import org.cqrsshop.common.id.ProductId;
import org.cqrsshop.common.money.Money;
import org.cqrsshop.query.feed.FakeEventFeedResource;
import org.cqrsshop.query.paging.Cursor;
import org.cqrsshop.query.order.OrderEvents;
import org.cqrsshop.query.order.OrderProjection;
import org.cqrsshop.query.order.OrderView;
import org.cqrsshop.query.order.OrderViewRepository;
import org.cqrsshop.query.projection.ProjectionStep;
import org.cqrsshop.query.projection.Projections;
import org.cqrsshop.testing.InfrastructureTestResource;
import org.cqrsshop.testing.Patience;
import org.cqrsshop.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Order reads over HTTP, from views stored in MongoDB. */
@QuarkusTest
@WithTestResource(value = InfrastructureTestResource.class,
        initArgs = @ResourceArg(name = "needs", value = "rabbitmq,mongodb,redis"))
// The same resources in every test class of this module: one app for all (see FakeEventFeedResource).
@WithTestResource(FakeEventFeedResource.class)
class OrderQueriesTest {

    private static final String PAGE = "{ totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } }";
    private static final Instant T0 = OrderEvents.T0;
    private static final CustomerId ALICE = CustomerId.of("00000000-0000-4000-8000-00000000a11c");
    private static final CustomerId BOB = CustomerId.of("00000000-0000-4000-8000-000000000b0b");
    /** Writes go on between the first pages only: new orders past the cursor on every page would never let it end. */
    private static final int WRITING_ROUNDS = 3;

    @Inject
    OrderViewRepository views;

    @BeforeEach
    void noOrders() {
        views.deleteAll().await().atMost(Patience.SERVICE);
    }

    // order(id, minVersion)

    @Test
    void a_refunded_order_reads_with_every_field_its_history_payment_cancellation_and_refund() {
        OrderId order = OrderId.random();
        ProductId mug = ProductId.random();
        ProductId spoon = ProductId.random();
        ShippingAddress office = new ShippingAddress("Ada Lovelace", "1 Engine Yard", "Floor 2", "W1", "London", "Greater London",
                "GB");
        store(OrderEvents.placed(order, "CS-2026-000001", ALICE, hours(1),
                        OrderEvents.line(mug, "MUG-1", "Mug", 2, Money.of(1299, "EUR")),
                        OrderEvents.line(spoon, "SPN-1", "Spoon", 1, Money.of(450, "EUR"))),
                OrderEvents.addressChanged(order, 2, hours(2), office),
                OrderEvents.paid(order, 3, hours(3), Money.of(3048, "EUR"), "PAY-1"),
                OrderEvents.cancelled(order, 4, hours(4), "out of stock", true),
                OrderEvents.refunded(order, 5, hours(5), Money.of(3048, "EUR"), "cancelled after payment"));

        JsonPath response = query("{ order(id: \"" + order + "\") { id orderNumber customerId status"
                + " lines { productId sku name quantity unitPrice { amountMinor currency } lineTotal { amountMinor currency } }"
                + " total { amountMinor currency } itemCount"
                + " shippingAddress { recipient line1 line2 postalCode city region country }"
                + " fromCart placedAt updatedAt version statusHistory { status at version }"
                + " payment { reference amount { amountMinor currency } paidAt }"
                + " shipment { carrier trackingNumber shippedAt deliveredAt }"
                + " cancellation { reason cancelledAt refundDue }"
                + " refund { amount { amountMinor currency } reason refundedAt } } }");

        Map<String, Object> expected = new HashMap<>();
        expected.put("id", order.toString());
        expected.put("orderNumber", "CS-2026-000001");
        expected.put("customerId", ALICE.toString());
        expected.put("status", "REFUNDED");
        expected.put("lines", List.of(
                Map.of("productId", mug.toString(), "sku", "MUG-1", "name", "Mug", "quantity", 2,
                        "unitPrice", money(1299, "EUR"), "lineTotal", money(2598, "EUR")),
                Map.of("productId", spoon.toString(), "sku", "SPN-1", "name", "Spoon", "quantity", 1,
                        "unitPrice", money(450, "EUR"), "lineTotal", money(450, "EUR"))));
        expected.put("total", money(3048, "EUR"));
        expected.put("itemCount", 3);
        expected.put("shippingAddress", Map.of("recipient", "Ada Lovelace", "line1", "1 Engine Yard", "line2", "Floor 2",
                "postalCode", "W1", "city", "London", "region", "Greater London", "country", "GB"));
        expected.put("fromCart", false);
        expected.put("placedAt", "2026-11-24T10:00:00Z");
        expected.put("updatedAt", "2026-11-24T14:00:00Z");
        expected.put("version", 5);
        expected.put("statusHistory", List.of(
                Map.of("status", "PENDING", "at", "2026-11-24T10:00:00Z", "version", 1),
                Map.of("status", "PAID", "at", "2026-11-24T12:00:00Z", "version", 3),
                Map.of("status", "CANCELLED", "at", "2026-11-24T13:00:00Z", "version", 4),
                Map.of("status", "REFUNDED", "at", "2026-11-24T14:00:00Z", "version", 5)));
        expected.put("payment", Map.of("reference", "PAY-1", "amount", money(3048, "EUR"), "paidAt", "2026-11-24T12:00:00Z"));
        expected.put("shipment", null);
        // The refund settled what the cancellation left due.
        expected.put("cancellation", Map.of("reason", "out of stock", "cancelledAt", "2026-11-24T13:00:00Z", "refundDue", false));
        expected.put("refund", Map.of("amount", money(3048, "EUR"), "reason", "cancelled after payment",
                "refundedAt", "2026-11-24T14:00:00Z"));
        assertThat(response.getMap("data.order")).isEqualTo(expected);
        assertThat(response.getList("errors")).isNull();
    }

    @Test
    void a_delivered_order_has_its_shipment_and_no_cancellation_or_refund() {
        OrderId order = OrderId.random();
        store(OrderEvents.through(OrderStatus.DELIVERED, order, "CS-2026-000002", BOB, hours(1), Money.of(999, "USD")));

        JsonPath response = query("{ order(id: \"" + order + "\") { status payment { reference amount { amountMinor currency } }"
                + " shipment { carrier trackingNumber shippedAt deliveredAt } cancellation { reason } refund { reason } } }");

        Map<String, Object> expected = new HashMap<>();
        expected.put("status", "DELIVERED");
        expected.put("payment", Map.of("reference", "PAY-CS-2026-000002", "amount", money(999, "USD")));
        expected.put("shipment", Map.of("carrier", "DHL", "trackingNumber", "TRACK-CS-2026-000002",
                "shippedAt", "2026-11-24T10:20:00Z", "deliveredAt", "2026-11-24T10:30:00Z"));
        expected.put("cancellation", null);
        expected.put("refund", null);
        assertThat(response.getMap("data.order")).isEqualTo(expected);
    }

    @Test
    void a_pending_order_has_no_payment_shipment_cancellation_or_refund() {
        OrderId order = OrderId.random();
        store(OrderEvents.through(OrderStatus.PENDING, order, "CS-2026-000003", BOB, hours(1), Money.of(999, "USD")));

        JsonPath response = query("{ order(id: \"" + order + "\") { status payment { reference } shipment { carrier }"
                + " cancellation { reason } refund { reason } } }");

        Map<String, Object> expected = new HashMap<>();
        expected.put("status", "PENDING");
        expected.put("payment", null);
        expected.put("shipment", null);
        expected.put("cancellation", null);
        expected.put("refund", null);
        assertThat(response.getMap("data.order")).isEqualTo(expected);
    }

    @Test
    void an_unknown_order_is_not_found_and_a_malformed_id_is_invalid() {
        assertThat(code(query("{ order(id: \"" + OrderId.random() + "\") { id } }"))).isEqualTo("NOT_FOUND");
        assertInvalid(query("{ order(id: \"CS-2026-000001\") { id } }"), "id");
    }

    @Test
    void an_order_behind_the_asked_version_is_lagging_with_both_versions() {
        OrderId order = OrderId.random();
        store(OrderEvents.through(OrderStatus.PENDING, order, "CS-2026-000004", ALICE, hours(1), Money.of(100, "EUR")));

        JsonPath response = query("{ order(id: \"" + order + "\", minVersion: 2) { id } }");

        assertThat(code(response)).isEqualTo("READ_MODEL_LAGGING");
        assertThat(response.getInt("errors[0].extensions.requestedVersion")).isEqualTo(2);
        assertThat(response.getInt("errors[0].extensions.currentVersion")).isEqualTo(1);
    }

    @Test
    void an_order_the_read_model_has_not_seen_is_lagging_at_version_0_when_a_version_is_asked_for() {
        JsonPath response = query("{ order(id: \"" + OrderId.random() + "\", minVersion: 1) { id } }");

        assertThat(code(response)).isEqualTo("READ_MODEL_LAGGING");
        assertThat(response.getInt("errors[0].extensions.currentVersion")).isEqualTo(0);
    }

    @Test
    void a_query_waiting_for_a_version_returns_the_write_that_lands_meanwhile() throws Exception {
        OrderId order = OrderId.random();
        List<EventEnvelope> stream =
                OrderEvents.through(OrderStatus.PAID, order, "CS-2026-000005", ALICE, hours(1), Money.of(100, "EUR"));
        store(stream.subList(0, 1));
        CompletableFuture<Void> lateWrite = persistLater(Projections.fold(OrderProjection.INSTANCE, stream));

        JsonPath response = query("{ order(id: \"" + order + "\", minVersion: 2) { status version } }");

        lateWrite.get(Patience.SERVICE.toSeconds(), TimeUnit.SECONDS);
        assertThat(response.getMap("data.order")).isEqualTo(Map.of("status", "PAID", "version", 2));
        assertThat(response.getList("errors")).isNull();
    }

    // orderByNumber(number)

    @Test
    void an_order_reads_by_its_number() {
        OrderId order = OrderId.random();
        store(OrderEvents.through(OrderStatus.PAID, order, "CS-2026-000042", ALICE, hours(1), Money.of(100, "EUR")));
        store(OrderEvents.through(OrderStatus.PAID, OrderId.random(), "CS-2026-000043", ALICE, hours(1), Money.of(100, "EUR")));

        assertThat(query("{ orderByNumber(number: \"CS-2026-000042\") { id orderNumber } }").getMap("data.orderByNumber"))
                .isEqualTo(Map.of("id", order.toString(), "orderNumber", "CS-2026-000042"));
    }

    @Test
    void an_unknown_order_number_is_not_found() {
        store(OrderEvents.through(OrderStatus.PAID, OrderId.random(), "CS-2026-000042", ALICE, hours(1), Money.of(100, "EUR")));

        assertThat(code(query("{ orderByNumber(number: \"CS-2026-000041\") { id } }"))).isEqualTo("NOT_FOUND");
        assertThat(code(query("{ orderByNumber(number: \"CS-2026-0000.*\") { id } }"))).isEqualTo("NOT_FOUND");
    }

    // orders(filter, sort, first, after): filters

    @Test
    void without_a_filter_every_order_is_listed_newest_first() {
        storeFilterFixture();

        JsonPath page = orders("");

        assertThat(ids(page)).containsExactly(id(6), id(5), id(4), id(3), id(2), id(1));
        assertThat(page.getInt("data.orders.totalCount")).isEqualTo(6);
    }

    @Test
    void the_status_filter_takes_any_of_the_statuses_given() {
        storeFilterFixture();

        assertThat(ids(orders("filter: { statuses: [PAID] }"))).containsExactly(id(2));
        assertThat(ids(orders("filter: { statuses: [PAID, SHIPPED, DELIVERED] }"))).containsExactly(id(4), id(3), id(2));
        assertThat(ids(orders("filter: { statuses: [] }"))).containsExactly(id(6), id(5), id(4), id(3), id(2), id(1));
        JsonPath cancelledOrRefunded = orders("filter: { statuses: [REFUNDED, CANCELLED, REFUNDED] }");
        assertThat(ids(cancelledOrRefunded)).containsExactly(id(6), id(5));
        assertThat(cancelledOrRefunded.getInt("data.orders.totalCount")).isEqualTo(2);
    }

    @Test
    void the_customer_filter_keeps_that_customers_orders() {
        storeFilterFixture();

        assertThat(ids(orders("filter: { customerId: \"" + ALICE + "\" }"))).containsExactly(id(5), id(2), id(1));
        assertThat(ids(orders("filter: { customerId: \"" + BOB + "\" }"))).containsExactly(id(6), id(4), id(3));
        assertThat(ids(orders("filter: { customerId: \"" + CustomerId.random() + "\" }"))).isEmpty();
    }

    @Test
    void the_placement_range_includes_its_start_and_excludes_its_end() {
        storeFilterFixture();

        assertThat(ids(orders("filter: { placedFrom: \"" + hours(2) + "\", placedTo: \"" + hours(5) + "\" }")))
                .containsExactly(id(4), id(3), id(2));
        assertThat(ids(orders("filter: { placedFrom: \"" + hours(5) + "\" }"))).containsExactly(id(6), id(5));
        assertThat(ids(orders("filter: { placedTo: \"" + hours(2) + "\" }"))).containsExactly(id(1));
        assertThat(ids(orders("filter: { placedFrom: \"" + hours(3) + "\", placedTo: \"" + hours(3) + "\" }"))).isEmpty();
    }

    @Test
    void range_bounds_finer_than_a_millisecond_stay_exact() {
        storeFilterFixture();
        Instant justAfterTwo = hours(2).plusNanos(1);

        assertThat(ids(orders("filter: { placedFrom: \"" + justAfterTwo + "\", placedTo: \"" + hours(4) + "\" }")))
                .containsExactly(id(3));
        assertThat(ids(orders("filter: { placedFrom: \"" + hours(1) + "\", placedTo: \"" + justAfterTwo + "\" }")))
                .containsExactly(id(2), id(1));
    }

    @Test
    void filters_combine_so_that_an_order_must_meet_them_all() {
        storeFilterFixture();

        JsonPath page = orders("filter: { customerId: \"" + BOB + "\", statuses: [SHIPPED, REFUNDED], placedFrom: \""
                + hours(4) + "\" }");

        assertThat(ids(page)).containsExactly(id(6));
        assertThat(page.getInt("data.orders.totalCount")).isEqualTo(1);
    }

    @Test
    void filters_that_make_no_sense_are_invalid() {
        assertInvalid(orders("filter: { placedFrom: \"" + hours(2) + "\", placedTo: \"" + hours(1) + "\" }"),
                "filter.placedTo");
        assertInvalid(orders("filter: { customerId: \"alice\" }"), "filter.customerId");
        assertThat(code(orders("filter: { statuses: [LOST] }"))).isEqualTo("VALIDATION_FAILED");
    }

    // orders: sorting and paging

    @Test
    void orders_sort_by_placement_and_total_both_ways_with_ties_broken_by_id() {
        storeSortFixture();

        assertThat(allPages("PLACED", "ASC")).containsExactly(id(1), id(3), id(2), id(4), id(5));
        assertThat(allPages("PLACED", "DESC")).containsExactly(id(5), id(4), id(2), id(3), id(1));
        assertThat(allPages("TOTAL", "ASC")).containsExactly(id(4), id(2), id(1), id(3), id(5));
        assertThat(allPages("TOTAL", "DESC")).containsExactly(id(5), id(3), id(1), id(2), id(4));
    }

    @Test
    void the_sort_defaults_to_newest_first_also_for_a_total_without_direction() {
        storeSortFixture();

        assertThat(ids(orders(""))).containsExactly(id(5), id(4), id(2), id(3), id(1));
        assertThat(ids(orders("sort: { field: TOTAL }"))).containsExactly(id(5), id(3), id(1), id(2), id(4));
        assertThat(ids(orders("sort: { direction: ASC }"))).containsExactly(id(1), id(3), id(2), id(4), id(5));
    }

    @Test
    void a_filtered_list_pages_with_its_total() {
        storeFilterFixture();

        List<String> seen = new ArrayList<>();
        String after = null;
        do {
            JsonPath page = orders("filter: { statuses: [PENDING, PAID, SHIPPED, DELIVERED] }, sort: { field: TOTAL,"
                    + " direction: ASC }, first: 1" + (after == null ? "" : ", after: \"" + after + "\""));
            assertThat(page.getInt("data.orders.totalCount")).isEqualTo(4);
            seen.addAll(ids(page));
            after = nextCursor(page);
        } while (after != null);

        assertThat(seen).containsExactly(id(1), id(2), id(3), id(4));
    }

    @Test
    void orders_written_while_paging_never_repeat_or_hide_those_listed_before() {
        List<String> before = new ArrayList<>();
        for (int n = 1; n <= 7; n++) {
            store(OrderEvents.through(OrderStatus.PENDING, OrderId.of(id(n)), "CS-2026-1%05d".formatted(n), ALICE, hours(n),
                    Money.of(100L * n, "EUR")));
            before.add(id(n));
        }
        List<String> newestFirst = new ArrayList<>(before);
        Collections.reverse(newestFirst);

        List<String> seen = new ArrayList<>();
        String after = null;
        int round = 0;
        do {
            JsonPath page = orders("first: 2" + (after == null ? "" : ", after: \"" + after + "\""));
            seen.addAll(ids(page));
            after = nextCursor(page);
            // Between the first pages: orders placed before, between and after those listed, and payments of listed ones.
            round++;
            assertThat(round).as("pages").isLessThan(20);
            if (round <= WRITING_ROUNDS) {
                storeNew(100 + round, hours(0));
                storeNew(200 + round, hours(4).plusSeconds(round));
                storeNew(300 + round, hours(20));
                pay(before.get(round % before.size()), round);
            }
        } while (after != null);

        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen.stream().filter(before::contains).toList()).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void page_size_and_cursor_are_checked() {
        assertThat(code(orders("first: 101"))).isEqualTo("VALIDATION_FAILED");
        assertThat(code(orders("first: 0"))).isEqualTo("VALIDATION_FAILED");
        assertInvalid(orders("after: \"bm90LWEtY3Vyc29y\""), "after");
        String productCursor = Cursor.encode(List.of("products:NAME:ASC", "Mug", id(1)));
        assertInvalid(orders("after: \"" + productCursor + "\""), "after");
        String wrongType = Cursor.encode(List.of("orders:TOTAL:DESC", "2026-11-24T10:00:00Z", id(1)));
        assertInvalid(orders("sort: { field: TOTAL }, after: \"" + wrongType + "\""), "after");
    }

    @Test
    void a_cursor_works_only_with_the_sort_and_list_it_was_issued_for() {
        storeSortFixture();
        String newestFirst = nextCursor(orders("first: 2"));

        assertInvalid(orders("sort: { field: TOTAL }, after: \"" + newestFirst + "\""), "after");
        assertInvalid(orders("sort: { direction: ASC }, after: \"" + newestFirst + "\""), "after");
        assertInvalid(history(ALICE, "after: \"" + newestFirst + "\""), "after");
        assertThat(ids(orders("after: \"" + newestFirst + "\""))).containsExactly(id(2), id(3), id(1));
    }

    // orderHistory(customerId, first, after)

    @Test
    void a_customers_history_lists_only_their_orders_newest_first_page_by_page() {
        storeFilterFixture();

        List<String> seen = new ArrayList<>();
        String after = null;
        do {
            JsonPath page = history(ALICE, "first: 1" + (after == null ? "" : ", after: \"" + after + "\""));
            assertThat(page.getInt("data.orderHistory.totalCount")).isEqualTo(3);
            seen.addAll(page.getList("data.orderHistory.edges.node.id"));
            after = page.getBoolean("data.orderHistory.pageInfo.hasNextPage")
                    ? page.getString("data.orderHistory.pageInfo.endCursor") : null;
        } while (after != null);

        assertThat(seen).containsExactly(id(5), id(2), id(1));
        assertThat(history(CustomerId.random(), "").getInt("data.orderHistory.totalCount")).isZero();
    }

    @Test
    void orders_placed_while_paging_a_history_never_repeat_or_hide_those_listed_before() {
        storeFilterFixture();

        List<String> seen = new ArrayList<>();
        String after = null;
        int round = 0;
        do {
            JsonPath page = history(BOB, "first: 1" + (after == null ? "" : ", after: \"" + after + "\""));
            seen.addAll(page.getList("data.orderHistory.edges.node.id"));
            after = page.getBoolean("data.orderHistory.pageInfo.hasNextPage")
                    ? page.getString("data.orderHistory.pageInfo.endCursor") : null;
            round++;
            assertThat(round).as("pages").isLessThan(20);
            if (round <= WRITING_ROUNDS) {
                store(OrderEvents.through(OrderStatus.PENDING, OrderId.of(id(400 + round)), "CS-2026-4%05d".formatted(round),
                        BOB, hours(10 + round), Money.of(100, "EUR")));
                store(OrderEvents.through(OrderStatus.PENDING, OrderId.of(id(500 + round)), "CS-2026-5%05d".formatted(round),
                        BOB, hours(0).minusSeconds(round), Money.of(100, "EUR")));
            }
        } while (after != null);

        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen.stream().filter(List.of(id(6), id(4), id(3))::contains).toList())
                .containsExactly(id(6), id(4), id(3));
    }

    @Test
    void a_history_checks_its_customer_id_page_size_and_cursor() {
        assertInvalid(history("bob", ""), "customerId");
        assertThat(code(history(BOB, "first: 101"))).isEqualTo("VALIDATION_FAILED");
        assertThat(code(history(BOB, "first: 0"))).isEqualTo("VALIDATION_FAILED");
        assertInvalid(history(BOB, "after: \"bm90LWEtY3Vyc29y\""), "after");
    }

    // Fixtures

    /** Six orders an hour apart, one in each status, alternating between Alice (1, 2, 5) and Bob (3, 4, 6). */
    private void storeFilterFixture() {
        storeOrder(1, OrderStatus.PENDING, ALICE, 1, 1000, "EUR");
        storeOrder(2, OrderStatus.PAID, ALICE, 2, 2000, "EUR");
        storeOrder(3, OrderStatus.SHIPPED, BOB, 3, 3000, "EUR");
        storeOrder(4, OrderStatus.DELIVERED, BOB, 4, 4000, "USD");
        storeOrder(5, OrderStatus.CANCELLED, ALICE, 5, 5000, "EUR");
        storeOrder(6, OrderStatus.REFUNDED, BOB, 6, 6000, "EUR");
    }

    /** Five orders whose placement and totals order them differently; 2 and 4 tie on placement, 1 and 3 on total. */
    private void storeSortFixture() {
        storeOrder(1, OrderStatus.PAID, ALICE, 1, 5000, "EUR");
        storeOrder(2, OrderStatus.PAID, ALICE, 3, 1200, "EUR");
        storeOrder(3, OrderStatus.PAID, BOB, 2, 5000, "EUR");
        storeOrder(4, OrderStatus.PAID, BOB, 3, 900, "USD");
        storeOrder(5, OrderStatus.PAID, ALICE, 4, 10000, "EUR");
    }

    private void storeOrder(int n, OrderStatus status, CustomerId customer, int placedAtHour, long total, String currency) {
        store(OrderEvents.through(status, OrderId.of(id(n)), "CS-2026-%06d".formatted(n), customer, hours(placedAtHour),
                Money.of(total, currency)));
    }

    private void storeNew(int n, Instant placedAt) {
        store(OrderEvents.through(OrderStatus.PENDING, OrderId.of(id(n)), "CS-2026-%06d".formatted(n), ALICE, placedAt,
                Money.of(100, "EUR")));
    }

    /** Payment changes the status and update time, never the placement the list is sorted on. */
    private void pay(String orderId, int round) {
        OrderView order = views.findById(orderId).await().atMost(Patience.SERVICE);
        if (!order.status.equals("PENDING")) {
            return;
        }
        EventEnvelope paid = OrderEvents.paid(OrderId.of(orderId), order.version + 1, hours(30 + round),
                Money.of(order.totalMinor, order.currency), "PAY-" + round);
        var step = (ProjectionStep.Apply<OrderView>) Projections.step(OrderProjection.INSTANCE, order, List.of(paid));
        views.update(step.next()).await().atMost(Patience.SERVICE);
    }

    private void store(EventEnvelope... stream) {
        store(List.of(stream));
    }

    private void store(List<EventEnvelope> stream) {
        views.persistOrUpdate(Projections.fold(OrderProjection.INSTANCE, stream)).await().atMost(Patience.SERVICE);
    }

    private CompletableFuture<Void> persistLater(OrderView view) {
        return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(300))
                .chain(() -> views.persistOrUpdate(view))
                .replaceWithVoid()
                .subscribeAsCompletionStage();
    }

    private static Instant hours(int hours) {
        return T0.plus(Duration.ofHours(hours));
    }

    /** Ids in a known order, so that ties broken by id have an order the test can state. */
    private static String id(int n) {
        return "00000000-0000-4000-8000-%012d".formatted(n);
    }

    private List<String> allPages(String field, String direction) {
        List<String> seen = new ArrayList<>();
        String after = null;
        do {
            JsonPath page = orders("sort: { field: " + field + ", direction: " + direction + " }, first: 2"
                    + (after == null ? "" : ", after: \"" + after + "\""));
            assertThat(page.getList("errors")).isNull();
            assertThat(page.getInt("data.orders.totalCount")).isEqualTo(5);
            seen.addAll(ids(page));
            after = nextCursor(page);
        } while (after != null);
        return seen;
    }

    private static String nextCursor(JsonPath page) {
        return page.getBoolean("data.orders.pageInfo.hasNextPage") ? page.getString("data.orders.pageInfo.endCursor") : null;
    }

    private static JsonPath orders(String arguments) {
        return query("{ orders" + (arguments.isEmpty() ? "" : "(" + arguments + ")") + " " + PAGE + " }");
    }

    private static JsonPath history(Object customerId, String arguments) {
        return query("{ orderHistory(customerId: \"" + customerId + "\"" + (arguments.isEmpty() ? "" : ", " + arguments)
                + ") " + PAGE + " }");
    }

    private static List<String> ids(JsonPath page) {
        return page.getList("data.orders.edges.node.id");
    }

    private static Map<String, Object> money(long amountMinor, String currency) {
        return Map.of("amountMinor", Math.toIntExact(amountMinor), "currency", currency);
    }

    private static void assertInvalid(JsonPath response, String field) {
        assertThat(code(response)).isEqualTo("VALIDATION_FAILED");
        assertThat(response.getString("errors[0].extensions.violations[0].field")).isEqualTo(field);
    }

    private static String code(JsonPath response) {
        return response.getString("errors[0].extensions.code");
    }

    private static JsonPath query(String document) {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("query", document))
                .when().post("/graphql").then().statusCode(200).extract().jsonPath();
    }
}
