package org.cqrsshop.query.freshness;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.cqrsshop.common.event.EventEnvelope;
import org.cqrsshop.common.event.EventTypes;
import org.cqrsshop.common.event.product.ProductEvent;
import org.cqrsshop.common.id.ProductId;
import org.cqrsshop.query.feed.FakeEventFeed;
import org.cqrsshop.query.feed.FakeEventFeedResource;
import org.cqrsshop.query.product.ProductEvents;
import org.cqrsshop.testing.InfrastructureTestResource;
import org.cqrsshop.testing.Patience;
import org.cqrsshop.testing.TestRabbit;
import org.cqrsshop.testing.TestTokens;
import org.junit.jupiter.api.Test;

/** readModelStatus and the cqrs.read_model.* metrics tell how far the views trail the store. */
@QuarkusTest
@WithTestResource(value = InfrastructureTestResource.class,
        initArgs = @ResourceArg(name = "needs", value = "rabbitmq,mongodb,redis"))
@WithTestResource(FakeEventFeedResource.class)
class ReadModelStatusTest {

    private static final Duration WAIT = Patience.SERVICE;
    /** Far above what other tests publish, so that the highest applied position is this test's. */
    private static final long BASE_POSITION = 9_000_000;

    @Inject
    MeterRegistry metrics;

    TestRabbit rabbit;
    FakeEventFeed store;

    @Test
    void the_lag_is_the_events_the_store_has_beyond_the_last_applied_one_and_their_age() {
        ProductId mug = ProductId.random();
        Instant occurred = Instant.now().minusSeconds(30);
        EventEnvelope v1 = at(1, occurred, ProductEvents.created(mug, "Mug"));
        EventEnvelope v2 = at(2, occurred.plusSeconds(1), ProductEvents.renamed(mug, 2, "Cup"));
        EventEnvelope v3 = at(3, occurred.plusSeconds(2), ProductEvents.deleted(mug, 3));
        store.commit(v1, v2, v3);
        publish(v1);

        JsonPath lagging = await().atMost(WAIT).until(this::status,
                status -> status.getLong("lastAppliedPosition") == BASE_POSITION + 1);
        assertThat(lagging.getLong("headPosition")).isEqualTo(BASE_POSITION + 3);
        assertThat(lagging.getLong("lagEvents")).isEqualTo(2);
        assertThat(lagging.getLong("lagMilliseconds")).isGreaterThanOrEqualTo(29_000);
        assertThat(lagging.getLong("deadLetters")).isEqualTo(rabbit.messageCount(rabbit.deadLetterQueue()));
        await().atMost(WAIT).until(() -> gauge("cqrs.read_model.lag.events") == 2);

        publish(v2);
        publish(v3);

        JsonPath caughtUp = await().atMost(WAIT).until(this::status,
                status -> status.getLong("lastAppliedPosition") == BASE_POSITION + 3);
        assertThat(caughtUp.getLong("lagEvents")).isZero();
        assertThat(caughtUp.getLong("lagMilliseconds")).isZero();
        await().atMost(WAIT).until(() -> gauge("cqrs.read_model.lag.events") == 0
                && gauge("cqrs.read_model.last_applied_position") == BASE_POSITION + 3);
    }

    private JsonPath status() {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("query", "{ readModelStatus { lastAppliedPosition headPosition lagEvents lagMilliseconds "
                        + "deadLetters } }"))
                .when().post("/graphql").then().statusCode(200).extract().jsonPath()
                .setRootPath("data.readModelStatus");
    }

    private double gauge(String name) {
        return metrics.get(name).gauge().value();
    }

    private void publish(EventEnvelope envelope) {
        rabbit.publish(envelope);
    }

    private static EventEnvelope at(long version, Instant occurredAt, EventEnvelope template) {
        return new EventEnvelope(UUID.randomUUID(), template.streamId(), EventTypes.PRODUCT_STREAM, version,
                BASE_POSITION + version, occurredAt, UUID.randomUUID(), UUID.randomUUID(), null,
                (ProductEvent) template.event());
    }
}
