package org.cqrsshop.query.graphql;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.cqrsshop.common.event.EventTypes;
import org.cqrsshop.common.event.order.OrderStatus;
import org.cqrsshop.common.id.CustomerId;
import org.cqrsshop.common.id.OrderId;
import org.cqrsshop.common.id.ProductId;
import org.cqrsshop.common.money.Money;
import org.cqrsshop.query.cache.ViewCache;
import org.cqrsshop.query.cart.CartEvents;
import org.cqrsshop.query.cart.CartProjection;
import org.cqrsshop.query.cart.CartView;
import org.cqrsshop.query.cart.CartViewRepository;
import org.cqrsshop.query.feed.FakeEventFeedResource;
import org.cqrsshop.query.order.OrderEvents;
import org.cqrsshop.query.order.OrderProjection;
import org.cqrsshop.query.order.OrderViewRepository;
import org.cqrsshop.query.product.ProductEvents;
import org.cqrsshop.query.product.ProductProjection;
import org.cqrsshop.query.product.ProductViewRepository;
import org.cqrsshop.query.projection.Projections;
import org.cqrsshop.testing.GraphQLResults;
import org.cqrsshop.testing.GraphQLSubscriber;
import org.cqrsshop.testing.InfrastructureTestResource;
import org.cqrsshop.testing.Patience;
import org.cqrsshop.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who may read what, over HTTP and over WebSocket, with tokens signed as an identity provider
 * would sign them: the catalogue is public, a customer sees only their own cart and orders, the
 * back office only admins.
 */
@QuarkusTest
@WithTestResource(value = InfrastructureTestResource.class,
        initArgs = @ResourceArg(name = "needs", value = "rabbitmq,mongodb,redis"))
@WithTestResource(FakeEventFeedResource.class)
class AuthorizationTest {

    private static final Duration WAIT = Patience.SERVICE;

    private final CustomerId alice = CustomerId.random();
    private final CustomerId bob = CustomerId.random();
    private final OrderId aliceOrder = OrderId.random();
    private final ProductId mug = ProductId.random();

    @TestHTTPResource("/graphql")
    URI graphql;

    @Inject
    CartViewRepository carts;

    @Inject
    JWTParser tokenParser;

    @Inject
    OrderViewRepository orders;

    @Inject
    ProductViewRepository products;

    @Inject
    ViewCache cache;

    @BeforeEach
    void aliceHasACartAndAnOrder() {
        products.persistOrUpdate(Projections.fold(ProductProjection.INSTANCE, List.of(ProductEvents.created(mug, "Mug"))))
                .await().atMost(WAIT);
        CartView cart = Projections.fold(CartProjection.INSTANCE, List.of(CartEvents.added(alice, 1, mug, 2, 2)));
        carts.persistOrUpdate(cart).await().atMost(WAIT);
        cache.invalidate(EventTypes.CART_STREAM, cart.id).await().atMost(WAIT);
        orders.persistOrUpdate(Projections.fold(OrderProjection.INSTANCE, OrderEvents.through(OrderStatus.PAID, aliceOrder,
                "CS-2026-" + aliceOrder.toString().substring(0, 6), alice, OrderEvents.T0, Money.of(1299, "EUR"))))
                .await().atMost(WAIT);
    }

    @Test
    void a_valid_token_is_verified_once_and_a_forged_one_refused_every_time() throws Exception {
        String token = TestTokens.customer(alice.value());
        assertThat(tokenParser.parse(token)).as("the check remembered").isSameAs(tokenParser.parse(token));
        String forged = TestTokens.forged(alice.value());
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> tokenParser.parse(forged)).isInstanceOf(ParseException.class);
        }
    }

    @Test
    void the_catalogue_is_public() {
        JsonPath answer = post(anonymous(), "{ product(id: \"" + mug + "\") { name } }");

        assertThat(answer.getString("data.product.name")).isEqualTo("Mug");
        assertThat(answer.getList("errors")).isNull();
    }

    @Test
    void a_customer_reads_their_own_cart_and_orders_without_naming_themself() {
        RequestSpecification asAlice = as(TestTokens.customer(alice.value()));

        JsonPath cart = post(asAlice, "{ cart { customerId itemCount } }");
        JsonPath order = post(asAlice, "{ order(id: \"" + aliceOrder + "\") { customerId status } }");
        JsonPath history = post(asAlice, "{ orderHistory(customerId: \"" + alice + "\") { totalCount } }");

        assertThat(cart.getString("data.cart.customerId")).isEqualTo(alice.toString());
        assertThat(cart.getInt("data.cart.itemCount")).isEqualTo(2);
        assertThat(order.getString("data.order.status")).isEqualTo("PAID");
        assertThat(history.getInt("data.orderHistory.totalCount")).isEqualTo(1);
    }

    @Test
    void another_customer_s_cart_and_orders_are_forbidden() {
        RequestSpecification asBob = as(TestTokens.customer(bob.value()));

        assertThat(code(post(asBob, "{ cart(customerId: \"" + alice + "\") { itemCount } }"))).isEqualTo("FORBIDDEN");
        assertThat(code(post(asBob, "{ order(id: \"" + aliceOrder + "\") { status } }"))).isEqualTo("FORBIDDEN");
        assertThat(code(post(asBob, "{ orderHistory(customerId: \"" + alice + "\") { totalCount } }")))
                .isEqualTo("FORBIDDEN");
        // Bob's own cart is empty: Alice's lines never leak into it.
        assertThat(post(asBob, "{ cart { itemCount } }").getInt("data.cart.itemCount")).isZero();
    }

    @Test
    void back_office_reads_need_an_admin() {
        RequestSpecification asAlice = as(TestTokens.customer(alice.value()));
        for (String document : List.of("{ orders { totalCount } }", "{ readModelStatus { lagEvents } }",
                "{ orderStatistics(from: \"2026-01-01T00:00:00Z\", to: \"2027-01-01T00:00:00Z\") { orderCount } }",
                "mutation { redriveDeadLetters }")) {
            assertThat(code(post(asAlice, document))).as(document).isEqualTo("FORBIDDEN");
        }
        JsonPath asAdmin = post(as(TestTokens.admin()), "{ cart(customerId: \"" + alice + "\") { itemCount }"
                + " order(id: \"" + aliceOrder + "\") { status } orders(filter: {customerId: \"" + alice + "\"}) { totalCount } }");
        assertThat(asAdmin.getList("errors")).isNull();
        assertThat(asAdmin.getInt("data.orders.totalCount")).isEqualTo(1);
    }

    @Test
    void an_admin_names_the_customer_it_reads_for() {
        assertThat(code(post(as(TestTokens.admin()), "{ cart { itemCount } }"))).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void without_a_token_only_the_catalogue_answers() {
        assertThat(code(post(anonymous(), "{ cart(customerId: \"" + alice + "\") { itemCount } }")))
                .isEqualTo("UNAUTHENTICATED");
        assertThat(code(post(anonymous(), "{ order(id: \"" + aliceOrder + "\") { status } }")))
                .isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void a_token_that_fails_verification_is_refused_before_anything_runs() {
        for (String token : List.of(TestTokens.forged(alice.value()), TestTokens.expired(alice.value()),
                TestTokens.fromAnotherIssuer(alice.value()), "not-a-jwt")) {
            JsonPath refused = as(token).contentType(ContentType.JSON)
                    .body(Map.of("query", "{ product(id: \"" + mug + "\") { name } }"))
                    .when().post("/graphql").then().statusCode(401).extract().jsonPath();
            assertThat(refused.getString("errors[0].extensions.code")).as(token).isEqualTo("UNAUTHENTICATED");
            assertThat(refused.getString("data")).isNull();
        }
    }

    @Test
    void subscriptions_follow_the_same_rules_with_the_token_from_connection_init() throws Exception {
        try (GraphQLSubscriber asBob = GraphQLSubscriber.to(graphql, TestTokens.customer(bob.value()))) {
            GraphQLResults aliceCart = asBob.subscribe("subscription { cartChanged(customerId: \"" + alice + "\") { version } }");
            GraphQLResults aliceOrders = asBob.subscribe(
                    "subscription { orderStatusChanged(customerId: \"" + alice + "\") { status } }");

            for (GraphQLResults refused : List.of(aliceCart, aliceOrders)) {
                JsonNode result = refused.next(WAIT);
                assertThat(result.path("errors").path(0).path("extensions").path("code").asText()).as("%s", result)
                        .isEqualTo("FORBIDDEN");
            }
        }
        try (GraphQLSubscriber asAlice = GraphQLSubscriber.to(graphql, TestTokens.customer(alice.value()))) {
            // Her own cart and orders: the subscriptions stay open, waiting for changes.
            GraphQLResults ownCart = asAlice.subscribe("subscription { cartChanged { version } }");
            GraphQLResults ownOrders = asAlice.subscribe("subscription { orderStatusChanged { status } }");

            for (GraphQLResults open : List.of(ownCart, ownOrders)) {
                assertThat(open.next(Duration.ofSeconds(1))).isNull();
                assertThat(open.completed()).isNotDone();
            }
        }
    }

    private static RequestSpecification anonymous() {
        return given();
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }

    private static JsonPath post(RequestSpecification caller, String document) {
        return caller.contentType(ContentType.JSON).body(Map.of("query", document))
                .when().post("/graphql").then().statusCode(200).extract().jsonPath();
    }

    private static String code(JsonPath answer) {
        return answer.getString("errors[0].extensions.code");
    }
}
