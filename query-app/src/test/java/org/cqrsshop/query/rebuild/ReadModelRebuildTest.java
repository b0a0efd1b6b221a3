package org.cqrsshop.query.rebuild;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cqrsshop.common.event.EventEnvelope;
import org.cqrsshop.common.id.ProductId;
import org.cqrsshop.query.feed.FakeEventFeed;
import org.cqrsshop.query.feed.FakeEventFeedResource;
import org.cqrsshop.query.product.ProductEvents;
import org.cqrsshop.query.product.ProductProjection;
import org.cqrsshop.query.product.ProductView;
import org.cqrsshop.query.product.ProductViewRepository;
import org.cqrsshop.query.projection.Projections;
import org.cqrsshop.testing.InfrastructureTestResource;
import org.cqrsshop.testing.Patience;
import org.cqrsshop.testing.TestTokens;
import org.junit.jupiter.api.Test;

/** A rebuild replays the store into fresh collections and swaps them in; reads go on meanwhile. */
@QuarkusTest
@WithTestResource(value = InfrastructureTestResource.class,
        initArgs = @ResourceArg(name = "needs", value = "rabbitmq,mongodb,redis"))
@WithTestResource(FakeEventFeedResource.class)
class ReadModelRebuildTest {

    private static final Duration WAIT = Patience.SERVICE;

    @Inject
    ProductViewRepository views;

    FakeEventFeed store;

    @Test
    void a_rebuild_replaces_every_view_with_the_fold_of_its_stream_while_the_old_views_stay_readable() {
        // Test classes share one app and one fake store; this test's store holds only its own events.
        store.clear();
        views.deleteAll().await().atMost(WAIT);
        List<List<EventEnvelope>> streams = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ProductId id = ProductId.random();
            List<EventEnvelope> stream = List.of(
                    ProductEvents.created(id, "Product " + i),
                    ProductEvents.renamed(id, 2, "Renamed " + i),
                    ProductEvents.deleted(id, 3));
            streams.add(stream);
            store.commit(stream.toArray(EventEnvelope[]::new));
        }
        // The live views disagree with the store: one is stale, one belongs to no stream at all.
        ProductId stale = new ProductId(streams.get(0).get(0).streamId());
        views.persist(Projections.fold(ProductProjection.INSTANCE, List.of(ProductEvents.created(stale, "Stale"))))
                .await().atMost(WAIT);
        ProductId orphan = ProductId.random();
        views.persist(Projections.fold(ProductProjection.INSTANCE, List.of(ProductEvents.created(orphan, "Orphan"))))
                .await().atMost(WAIT);
        store.holdGlobalPages();

        try {
            JsonPath started = graphql("mutation { rebuildReadModel { state eventsApplied } }");
            assertThat(started.getString("data.rebuildReadModel.state")).isEqualTo("RUNNING");

            JsonPath second = graphql("mutation { rebuildReadModel { state } }");
            assertThat(second.getString("errors[0].extensions.code")).isEqualTo("REBUILD_IN_PROGRESS");
            JsonPath duringRebuild = graphql("{ product(id: \"" + stale + "\") { name version } }");
            assertThat(duringRebuild.getString("data.product.name")).as("the old views serve reads").isEqualTo("Stale");
            assertThat(graphql("{ readModelStatus { rebuild { state } } }").getString("data.readModelStatus.rebuild.state"))
                    .isEqualTo("RUNNING");
        } finally {
            store.releaseGlobalPages();
        }
        JsonPath finished = await().atMost(WAIT).until(
                () -> graphql("{ readModelStatus { rebuild { state eventsApplied eventsPerSecond lastPosition error } } }"),
                status -> !"RUNNING".equals(status.getString("data.readModelStatus.rebuild.state")));
        assertThat(finished.getString("data.readModelStatus.rebuild.state")).isEqualTo("SUCCEEDED");
        assertThat(finished.getString("data.readModelStatus.rebuild.error")).isNull();
        assertThat(finished.getLong("data.readModelStatus.rebuild.eventsApplied")).isEqualTo(120);
        assertThat(finished.getDouble("data.readModelStatus.rebuild.eventsPerSecond")).isPositive();

        List<ProductView> rebuilt = views.listAll().await().atMost(WAIT);
        assertThat(rebuilt).hasSize(40);
        for (List<EventEnvelope> stream : streams) {
            ProductView expected = Projections.fold(ProductProjection.INSTANCE, stream);
            ProductView actual = views.findById(expected.id).await().atMost(WAIT);
            assertThat(actual).usingRecursiveComparison().isEqualTo(expected);
        }
        assertThat(views.findById(orphan.toString()).await().atMost(WAIT)).isNull();
    }

    private static JsonPath graphql(String document) {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("query", document))
                .when().post("/graphql").then().statusCode(200).extract().jsonPath();
    }
}
