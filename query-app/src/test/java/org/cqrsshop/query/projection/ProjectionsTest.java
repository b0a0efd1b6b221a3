package org.cqrsshop.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cqrsshop.query.product.ProductEvents.created;
import static org.cqrsshop.query.product.ProductEvents.deleted;
import static org.cqrsshop.query.product.ProductEvents.renamed;

import java.util.List;
import org.cqrsshop.common.event.EventEnvelope;
import org.cqrsshop.common.id.ProductId;
import org.cqrsshop.query.product.ProductProjection;
import org.cqrsshop.query.product.ProductView;
import org.junit.jupiter.api.Test;

/** Ordering, duplicates and gaps, decided once for every kind of view. */
class ProjectionsTest {

    private final ProductId mug = ProductId.random();
    private final EventEnvelope v1 = created(mug, "Mug");
    private final EventEnvelope v2 = renamed(mug, 2, "Cup");
    private final EventEnvelope v3 = deleted(mug, 3);

    @Test
    void events_in_any_order_and_repeated_fold_like_the_stream_in_order() {
        ProductView inOrder = Projections.fold(ProductProjection.INSTANCE, List.of(v1, v2, v3));
        ProductView shuffled = Projections.fold(ProductProjection.INSTANCE, List.of(v3, v1, v2, v1, v3));

        assertThat(shuffled).usingRecursiveComparison().isEqualTo(inOrder);
        assertThat(inOrder.version).isEqualTo(3);
        assertThat(inOrder.lastPosition).isEqualTo(v3.globalPosition());
        assertThat(inOrder.id).isEqualTo(mug.toString());
    }

    @Test
    void only_events_newer_than_the_view_are_applied() {
        ProductView atOne = Projections.fold(ProductProjection.INSTANCE, List.of(v1));

        ProjectionStep<ProductView> step = Projections.step(ProductProjection.INSTANCE, atOne, List.of(v1, v2, v3));

        assertThat(step).isInstanceOf(ProjectionStep.Apply.class);
        ProjectionStep.Apply<ProductView> apply = (ProjectionStep.Apply<ProductView>) step;
        assertThat(apply.previousVersion()).isEqualTo(1);
        assertThat(apply.next().version).isEqualTo(3);
        assertThat(atOne.version).as("the stored view is not mutated").isEqualTo(1);
    }

    @Test
    void a_batch_with_a_hole_is_a_gap_and_one_the_view_holds_is_a_duplicate() {
        ProductView atOne = Projections.fold(ProductProjection.INSTANCE, List.of(v1));

        assertThat(Projections.step(ProductProjection.INSTANCE, atOne, List.of(v3)))
                .isEqualTo(new ProjectionStep.Gap<ProductView>(2, 3));
        assertThat(Projections.step(ProductProjection.INSTANCE, atOne, List.of(v1)))
                .isEqualTo(new ProjectionStep.AlreadyApplied<ProductView>(1));
        assertThatThrownBy(() -> Projections.fold(ProductProjection.INSTANCE, List.of(v1, v3)))
                .hasMessageContaining("lacks version 2");
    }

    @Test
    void the_history_of_a_stream_holds_each_version_s_own_state_and_each_ends_where_fold_ends() {
        List<ProductView> history = Projections.history(ProductProjection.INSTANCE, List.of(v3, v1, v2));

        assertThat(history).extracting(view -> view.version).containsExactly(1L, 2L, 3L);
        assertThat(history).extracting(view -> view.name).containsExactly("Mug", "Cup", "Cup");
        assertThat(history).extracting(view -> view.deleted).containsExactly(false, false, true);
        assertThat(history.get(2)).usingRecursiveComparison()
                .isEqualTo(Projections.fold(ProductProjection.INSTANCE, List.of(v1, v2, v3)));
        assertThatThrownBy(() -> Projections.history(ProductProjection.INSTANCE, List.of(v1, v3)))
                .hasMessageContaining("lacks version 2");
    }
}
