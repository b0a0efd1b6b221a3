package org.cqrsshop.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cqrsshop.query.product.ProductEvents.created;
import static org.cqrsshop.query.product.ProductEvents.deleted;
import static org.cqrsshop.query.product.ProductEvents.renamed;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cqrsshop.common.event.EventEnvelope;
import org.cqrsshop.common.id.ProductId;
import org.cqrsshop.query.feed.FakeEventFeedResource;
import org.cqrsshop.query.product.ProductProjection;
import org.cqrsshop.query.product.ProductView;
import org.cqrsshop.query.product.ProductViewRepository;
import org.cqrsshop.testing.InfrastructureTestResource;
import org.cqrsshop.testing.Patience;
import org.junit.jupiter.api.Test;

/** One read and one bulk write for a batch of many streams, against MongoDB's wire protocol. */
@QuarkusTest
@WithTestResource(value = InfrastructureTestResource.class,
        initArgs = @ResourceArg(name = "needs", value = "rabbitmq,mongodb,redis"))
@WithTestResource(FakeEventFeedResource.class)
class BatchProjectionTest {

    private static final Duration WAIT = Patience.SERVICE;

    @Inject
    ViewProjectors projectors;

    @Inject
    ProductViewRepository views;

    @Test
    void a_batch_folds_each_stream_in_order_and_skips_what_its_view_holds() {
        ProductId fresh = ProductId.random();
        ProductId behind = ProductId.random();
        ProductId upToDate = ProductId.random();
        store(created(behind, "Behind"));
        store(created(upToDate, "Up to date"), renamed(upToDate, 2, "Current"));
        List<EventEnvelope> freshStream = List.of(created(fresh, "Fresh"), renamed(fresh, 2, "Fresher"), deleted(fresh, 3));
        List<EventEnvelope> behindStream = List.of(created(behind, "Behind"), renamed(behind, 2, "Caught up"));

        // Streams interleaved, out of order within a stream, and redelivered, as partitions may deliver them.
        BatchProjection<ProductView> result = projector().projectBatch(List.of(
                freshStream.get(2), behindStream.get(1), freshStream.get(0), created(upToDate, "Stale copy"),
                behindStream.get(0), freshStream.get(1), freshStream.get(0))).await().atMost(WAIT);

        assertThat(result.written().keySet()).containsExactlyInAnyOrder(fresh.toString(), behind.toString());
        assertThat(result.duplicates()).containsExactly(upToDate.toString());
        assertThat(result.unsettled()).isEmpty();
        assertThat(result.written().get(behind.toString()).previousVersion()).isEqualTo(1);
        assertThat(stored(fresh)).usingRecursiveComparison()
                .isEqualTo(Projections.fold(ProductProjection.INSTANCE, freshStream));
        assertThat(stored(behind)).usingRecursiveComparison()
                .isEqualTo(Projections.fold(ProductProjection.INSTANCE, behindStream));
        assertThat(stored(upToDate).name).isEqualTo("Current");
    }

    @Test
    void a_stream_with_a_hole_is_left_unsettled_and_the_rest_of_the_batch_is_written() {
        ProductId holed = ProductId.random();
        ProductId whole = ProductId.random();

        BatchProjection<ProductView> result = projector().projectBatch(List.of(
                renamed(holed, 2, "Ahead of itself"), created(whole, "Whole"))).await().atMost(WAIT);

        assertThat(result.unsettled()).containsExactly(holed.toString());
        assertThat(result.written().keySet()).containsExactly(whole.toString());
        assertThat(stored(holed)).isNull();
        assertThat(stored(whole).version).isEqualTo(1);
    }

    @Test
    void a_write_from_a_stale_read_loses_to_the_writer_that_moved_the_view_and_only_its_stream_is_lost() {
        ProductId moved = ProductId.random();
        ProductId createdMeanwhile = ProductId.random();
        ProductId untouched = ProductId.random();
        store(created(moved, "Mug"), renamed(moved, 2, "Moved on"));
        store(created(createdMeanwhile, "First"));
        store(created(untouched, "Plate"));
        // As a writer would that read the views before the other writer got there.
        Map<String, ProjectionResult<ProductView>> writes = new LinkedHashMap<>();
        writes.put(moved.toString(), applied(1, created(moved, "Mug"), renamed(moved, 2, "Stale")));
        writes.put(createdMeanwhile.toString(), applied(0, created(createdMeanwhile, "Second")));
        writes.put(untouched.toString(), applied(1, created(untouched, "Plate"), renamed(untouched, 2, "Bowl")));

        Set<String> lost = projector().writeAll(projector().liveViews(), writes)
                .await().atMost(WAIT);

        assertThat(lost).containsExactlyInAnyOrder(moved.toString(), createdMeanwhile.toString());
        assertThat(stored(moved).name).isEqualTo("Moved on");
        assertThat(stored(createdMeanwhile).name).isEqualTo("First");
        assertThat(stored(untouched).name).isEqualTo("Bowl");
    }

    private ViewProjector<ProductView> projector() {
        return projectors.of(ProductProjection.INSTANCE);
    }

    private static ProjectionResult<ProductView> applied(long previousVersion, EventEnvelope... stream) {
        return new ProjectionResult<>(ProjectionOutcome.APPLIED,
                Projections.fold(ProductProjection.INSTANCE, List.of(stream)), previousVersion, 0);
    }

    private void store(EventEnvelope... stream) {
        views.persist(Projections.fold(ProductProjection.INSTANCE, List.of(stream))).await().atMost(WAIT);
    }

    private ProductView stored(ProductId id) {
        return views.findById(id.toString()).await().atMost(WAIT);
    }
}
