package org.cqrsshop.query.order.graphql;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.cqrsshop.common.event.order.OrderStatus;
import org.cqrsshop.common.id.CustomerId;
import org.cqrsshop.common.id.OrderId;
import org.cqrsshop.common.money.Money;
import org.cqrsshop.query.feed.FakeEventFeedResource;
import org.cqrsshop.query.order.OrderEvents;
import org.cqrsshop.query.order.OrderProjection;
import org.cqrsshop.query.order.OrderViewRepository;
import org.cqrsshop.query.projection.Projections;
import org.cqrsshop.testing.InfrastructureTestResource;
import org.cqrsshop.testing.Patience;
import org.cqrsshop.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Order statistics over HTTP, from order views stored in MongoDB. */
@QuarkusTest
@WithTestResource(value = InfrastructureTestResource.class,
        initArgs = @ResourceArg(name = "needs", value = "rabbitmq,mongodb,redis"))
// The same resources in every test class of this module: one app for all (see FakeEventFeedResource).
@WithTestResource(FakeEventFeedResource.class)
class OrderStatisticsQueriesTest {

    private static final String FIGURES = "{ orderCount byStatus { status count } revenue { amountMinor currency }"
            + " averageOrderValue { amountMinor currency } }";
    private static final Instant FROM = OrderEvents.T0;
    private static final Instant TO = FROM.plus(Duration.ofDays(7));

    @Inject
    OrderViewRepository views;

    @BeforeEach
    void noOrders() {
        views.deleteAll().await().atMost(Patience.SERVICE);
    }

    @Test
    void figures_count_every_order_placed_in_the_range_and_earn_only_on_paid_shipped_and_delivered_ones() {
        // In the range, the first one right at its start:
        store(OrderStatus.PENDING, FROM, 1000, "EUR");
        store(OrderStatus.PAID, FROM.plus(Duration.ofHours(1)), 2000, "EUR");
        store(OrderStatus.SHIPPED, FROM.plus(Duration.ofDays(1)), 3001, "EUR");
        store(OrderStatus.DELIVERED, FROM.plus(Duration.ofDays(2)), 4000, "EUR");
        store(OrderStatus.CANCELLED, FROM.plus(Duration.ofDays(3)), 5000, "EUR");
        store(OrderStatus.REFUNDED, FROM.plus(Duration.ofDays(4)), 6000, "EUR");
        store(OrderStatus.PAID, FROM.plus(Duration.ofDays(5)), 999, "USD");
        store(OrderStatus.DELIVERED, TO.minusMillis(1), 1000, "USD");
        // Outside it: right at its end, and a millisecond before its start.
        store(OrderStatus.PAID, TO, 7000, "EUR");
        store(OrderStatus.DELIVERED, FROM.minusMillis(1), 8000, "EUR");

        JsonPath response = statistics(FROM, TO);

        assertThat(response.getList("errors")).isNull();
        assertThat(response.getInt("data.orderStatistics.orderCount")).isEqualTo(8);
        assertThat(response.getList("data.orderStatistics.byStatus")).isEqualTo(List.of(
                Map.of("status", "PENDING", "count", 1),
                Map.of("status", "PAID", "count", 2),
                Map.of("status", "SHIPPED", "count", 1),
                Map.of("status", "DELIVERED", "count", 2),
                Map.of("status", "CANCELLED", "count", 1),
                Map.of("status", "REFUNDED", "count", 1)));
        // EUR: 2000 + 3001 + 4000 from three orders; USD: 999 + 1000 from two.
        assertThat(response.getList("data.orderStatistics.revenue"))
                .isEqualTo(List.of(money(9001, "EUR"), money(1999, "USD")));
        // 9001 / 3 = 3000.33 and 1999 / 2 = 999.5, both rounded down.
        assertThat(response.getList("data.orderStatistics.averageOrderValue"))
                .isEqualTo(List.of(money(3000, "EUR"), money(999, "USD")));
    }

    @Test
    void a_range_without_orders_has_every_status_at_zero_and_no_revenue() {
        store(OrderStatus.PAID, FROM.minus(Duration.ofDays(1)), 2000, "EUR");

        JsonPath response = statistics(FROM, TO);

        assertThat(response.getInt("data.orderStatistics.orderCount")).isZero();
        assertThat(response.getList("data.orderStatistics.byStatus.status"))
                .containsExactly("PENDING", "PAID", "SHIPPED", "DELIVERED", "CANCELLED", "REFUNDED");
        assertThat(response.getList("data.orderStatistics.byStatus.count")).containsExactly(0, 0, 0, 0, 0, 0);
        assertThat(response.getList("data.orderStatistics.revenue")).isEmpty();
        assertThat(response.getList("data.orderStatistics.averageOrderValue")).isEmpty();
    }

    @Test
    void orders_that_earned_nothing_count_but_make_no_average() {
        store(OrderStatus.PENDING, FROM, 1000, "EUR");
        store(OrderStatus.CANCELLED, FROM, 2000, "GBP");

        JsonPath response = statistics(FROM, TO);

        assertThat(response.getInt("data.orderStatistics.orderCount")).isEqualTo(2);
        assertThat(response.getList("data.orderStatistics.revenue")).isEmpty();
        assertThat(response.getList("data.orderStatistics.averageOrderValue")).isEmpty();
    }

    @Test
    void a_range_must_end_after_it_starts_and_span_at_most_366_days() {
        assertInvalid(statistics(FROM, FROM), "to");
        assertInvalid(statistics(TO, FROM), "to");
        assertInvalid(statistics(FROM, FROM.plus(Duration.ofDays(366)).plusMillis(1)), "to");
        assertThat(statistics(FROM, FROM.plus(Duration.ofDays(366))).getList("errors")).isNull();
    }

    private void store(OrderStatus status, Instant placedAt, long total, String currency) {
        OrderId order = OrderId.random();
        var view = Projections.fold(OrderProjection.INSTANCE, OrderEvents.through(status, order,
                "CS-" + order.value().toString().substring(0, 13), CustomerId.random(), placedAt, Money.of(total, currency)));
        views.persist(view).await().atMost(Patience.SERVICE);
    }

    private static JsonPath statistics(Instant from, Instant to) {
        return query("{ orderStatistics(from: \"" + from + "\", to: \"" + to + "\") " + FIGURES + " }");
    }

    private static Map<String, Object> money(long amountMinor, String currency) {
        return Map.of("amountMinor", Math.toIntExact(amountMinor), "currency", currency);
    }

    private static void assertInvalid(JsonPath response, String field) {
        assertThat(response.getString("errors[0].extensions.code")).isEqualTo("VALIDATION_FAILED");
        assertThat(response.getString("errors[0].extensions.violations[0].field")).isEqualTo(field);
    }

    private static JsonPath query(String document) {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("query", document))
                .when().post("/graphql").then().statusCode(200).extract().jsonPath();
    }
}
