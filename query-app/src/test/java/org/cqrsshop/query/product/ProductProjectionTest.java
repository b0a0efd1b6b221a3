package org.cqrsshop.query.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cqrsshop.query.product.ProductEvents.T0;
import static org.cqrsshop.query.product.ProductEvents.created;
import static org.cqrsshop.query.product.ProductEvents.deleted;
import static org.cqrsshop.query.product.ProductEvents.renamed;

import java.util.List;
import org.cqrsshop.common.event.EventEnvelope;
import org.cqrsshop.common.id.ProductId;
import org.cqrsshop.query.projection.ProjectionStep;
import org.cqrsshop.query.projection.Projections;
import org.junit.jupiter.api.Test;

class ProductProjectionTest {

    private final ProductId mug = ProductId.random();

    @Test
    void created_builds_a_view_at_version_one() {
        ProductView view = applied(null, created(mug, "Mug"));

        assertThat(view.id).isEqualTo(mug.toString());
        assertThat(view.name).isEqualTo("Mug");
        assertThat(view.priceAmountMinor).isEqualTo(1299);
        assertThat(view.priceCurrency).isEqualTo("EUR");
        assertThat(view.stockQuantity).isEqualTo(7);
        assertThat(view.version).isEqualTo(1);
        assertThat(view.createdAt).isEqualTo(T0.plusSeconds(1));
        assertThat(view.deleted).isFalse();
    }

    @Test
    void updated_replaces_the_details_and_keeps_stock_and_creation_time() {
        ProductView v1 = applied(null, created(mug, "Mug"));
        ProductView v2 = applied(v1, renamed(mug, 2, "Cup"));

        assertThat(v2.name).isEqualTo("Cup");
        assertThat(v2.priceAmountMinor).isEqualTo(1499);
        assertThat(v2.stockQuantity).isEqualTo(7);
        assertThat(v2.createdAt).isEqualTo(v1.createdAt);
        assertThat(v2.updatedAt).isEqualTo(T0.plusSeconds(2));
        assertThat(v2.version).isEqualTo(2);
        assertThat(v1.name).as("the stored view is not mutated").isEqualTo("Mug");
    }

    @Test
    void deleted_marks_the_view_and_keeps_its_details() {
        ProductView v2 = applied(applied(null, created(mug, "Mug")), deleted(mug, 2));

        assertThat(v2.deleted).isTrue();
        assertThat(v2.deletedAt).isEqualTo(T0.plusSeconds(2));
        assertThat(v2.name).isEqualTo("Mug");
    }

    @Test
    void an_event_the_view_already_holds_is_a_duplicate() {
        ProductView v2 = applied(applied(null, created(mug, "Mug")), renamed(mug, 2, "Cup"));

        assertThat(Projections.step(ProductProjection.INSTANCE, v2, List.of(renamed(mug, 2, "Bowl")))).isEqualTo(new ProjectionStep.AlreadyApplied<>(2));
        assertThat(Projections.step(ProductProjection.INSTANCE, v2, List.of(created(mug, "Mug")))).isEqualTo(new ProjectionStep.AlreadyApplied<>(2));
    }

    @Test
    void an_event_past_the_next_version_is_a_gap() {
        ProductView v1 = applied(null, created(mug, "Mug"));

        assertThat(Projections.step(ProductProjection.INSTANCE, v1, List.of(deleted(mug, 3)))).isEqualTo(new ProjectionStep.Gap<>(2, 3));
        assertThat(Projections.step(ProductProjection.INSTANCE, null, List.of(renamed(mug, 2, "Cup")))).isEqualTo(new ProjectionStep.Gap<>(1, 2));
    }

    private static ProductView applied(ProductView current, EventEnvelope envelope) {
        ProjectionStep<ProductView> step = Projections.step(ProductProjection.INSTANCE, current, List.of(envelope));
        assertThat(step).isInstanceOf(ProjectionStep.Apply.class);
        return ((ProjectionStep.Apply<ProductView>) step).next();
    }
}
