package org.cqrsshop.query.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.cqrsshop.common.event.EventEnvelope;
import org.cqrsshop.common.event.order.OrderStatus;
import org.cqrsshop.common.id.CustomerId;
import org.cqrsshop.common.id.OrderId;
import org.cqrsshop.common.id.ProductId;
import org.cqrsshop.common.money.Money;
import org.cqrsshop.query.cart.CartEvents;
import org.cqrsshop.query.cart.CartProjection;
import org.cqrsshop.query.order.OrderEvents;
import org.cqrsshop.query.order.OrderProjection;
import org.cqrsshop.query.product.ProductEvents;
import org.cqrsshop.query.product.ProductProjection;
import org.cqrsshop.query.projection.ProjectionOutcome;
import org.cqrsshop.query.projection.ProjectionResult;
import org.cqrsshop.query.projection.Projections;
import org.cqrsshop.query.projection.StreamView;
import org.cqrsshop.query.projection.ViewProjection;
import org.junit.jupiter.api.Test;

/** A notice crosses Redis as JSON; the view it carries must come out as it went in. */
class ViewChangeTest {

    @Test
    void every_kind_of_view_survives_the_trip_through_the_channel() {
        ProductId mug = ProductId.random();
        CustomerId customer = CustomerId.random();
        assertRoundTrip(ProductProjection.INSTANCE,
                List.of(ProductEvents.created(mug, "Mug"), ProductEvents.renamed(mug, 2, "Cup")));
        assertRoundTrip(CartProjection.INSTANCE,
                List.of(CartEvents.added(customer, 1, mug, 2, 2), CartEvents.added(customer, 2, ProductId.random(), 1, 1)));
        assertRoundTrip(OrderProjection.INSTANCE, OrderEvents.through(OrderStatus.REFUNDED, OrderId.random(),
                "CS-2026-000007", customer, OrderEvents.T0, Money.of(4200, "EUR")));
    }

    @Test
    void a_message_that_is_not_a_notice_is_refused_as_such() {
        assertThatThrownBy(() -> ViewChange.fromJson("{\"hello\":")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a change notice");
    }

    private static <V extends StreamView> void assertRoundTrip(ViewProjection<V> projection, List<EventEnvelope> stream) {
        V view = Projections.fold(projection, stream);
        EventEnvelope last = stream.get(stream.size() - 1);
        ViewChange sent = ViewChange.of(last, new ProjectionResult<>(ProjectionOutcome.APPLIED, view, view.version - 1, 0), null);

        ViewChange received = ViewChange.fromJson(sent.toJson());

        assertThat(received.streamId()).isEqualTo(last.streamId().toString());
        assertThat(received.version()).isEqualTo(stream.size());
        assertThat(received.previousVersion()).isEqualTo(stream.size() - 1);
        assertThat(received.position()).isEqualTo(last.globalPosition());
        assertThat(received.view(projection.viewType())).usingRecursiveComparison().isEqualTo(view);
    }
}
