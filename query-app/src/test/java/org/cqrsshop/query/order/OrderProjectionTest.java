package org.cqrsshop.query.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.cqrsshop.query.order.OrderEvents.HOME;
import static org.cqrsshop.query.order.OrderEvents.T0;
import static org.cqrsshop.query.order.OrderEvents.addressChanged;
import static org.cqrsshop.query.order.OrderEvents.cancelled;
import static org.cqrsshop.query.order.OrderEvents.delivered;
import static org.cqrsshop.query.order.OrderEvents.line;
import static org.cqrsshop.query.order.OrderEvents.paid;
import static org.cqrsshop.query.order.OrderEvents.placed;
import static org.cqrsshop.query.order.OrderEvents.refunded;
import static org.cqrsshop.query.order.OrderEvents.shipped;

import java.util.List;
import org.cqrsshop.common.address.ShippingAddress;
import org.cqrsshop.common.event.EventEnvelope;
import org.cqrsshop.common.id.CustomerId;
import org.cqrsshop.common.id.OrderId;
import org.cqrsshop.common.id.ProductId;
import org.cqrsshop.common.money.Money;
import org.cqrsshop.query.projection.Projections;
import org.junit.jupiter.api.Test;

class OrderProjectionTest {

    private final OrderId order = OrderId.random();
    private final CustomerId ada = CustomerId.random();
    private final ProductId mug = ProductId.random();
    private final ProductId tea = ProductId.random();
    private final EventEnvelope placedMugsAndTea = placed(order, "CS-2026-000042", ada, T0,
            line(mug, "MUG-1", "Mug", 2, Money.of(1299, "EUR")),
            line(tea, "TEA-1", "Tea", 1, Money.of(450, "EUR")));

    @Test
    void a_placed_order_keeps_its_lines_as_priced_its_total_address_and_first_status() {
        OrderView view = fold(placedMugsAndTea);

        assertThat(view.orderNumber).isEqualTo("CS-2026-000042");
        assertThat(view.customerId).isEqualTo(ada.toString());
        assertThat(view.status).isEqualTo("PENDING");
        assertThat(view.lines).extracting(l -> l.sku, l -> l.quantity, l -> l.unitPriceMinor, l -> l.lineTotalMinor)
                .containsExactly(tuple("MUG-1", 2, 1299L, 2598L), tuple("TEA-1", 1, 450L, 450L));
        assertThat(view.totalMinor).isEqualTo(3048);
        assertThat(view.currency).isEqualTo("EUR");
        assertThat(view.itemCount).isEqualTo(3);
        assertThat(view.shippingAddress.city).isEqualTo(HOME.city());
        assertThat(view.placedAt).isEqualTo(T0);
        assertThat(view.statusHistory).extracting(change -> change.status, change -> change.at, change -> change.version)
                .containsExactly(tuple("PENDING", T0, 1L));
    }

    @Test
    void each_status_move_is_recorded_with_its_details_and_time() {
        OrderView view = fold(placedMugsAndTea,
                paid(order, 2, T0.plusSeconds(60), Money.of(3048, "EUR"), "psp-1"),
                shipped(order, 3, T0.plusSeconds(120), "DHL", "TRACK-1"),
                delivered(order, 4, T0.plusSeconds(180)));

        assertThat(view.status).isEqualTo("DELIVERED");
        assertThat(view.paymentReference).isEqualTo("psp-1");
        assertThat(view.amountPaidMinor).isEqualTo(3048);
        assertThat(view.carrier).isEqualTo("DHL");
        assertThat(view.trackingNumber).isEqualTo("TRACK-1");
        assertThat(view.deliveredAt).isEqualTo(T0.plusSeconds(180));
        assertThat(view.updatedAt).isEqualTo(T0.plusSeconds(180));
        assertThat(view.statusHistory).extracting(change -> change.status)
                .containsExactly("PENDING", "PAID", "SHIPPED", "DELIVERED");
    }

    @Test
    void a_paid_order_cancelled_owes_a_refund_until_refunded() {
        OrderView cancelled = fold(placedMugsAndTea,
                paid(order, 2, T0.plusSeconds(60), Money.of(3048, "EUR"), "psp-1"),
                cancelled(order, 3, T0.plusSeconds(90), "customer changed mind", true));
        OrderView refunded = fold(placedMugsAndTea,
                paid(order, 2, T0.plusSeconds(60), Money.of(3048, "EUR"), "psp-1"),
                cancelled(order, 3, T0.plusSeconds(90), "customer changed mind", true),
                refunded(order, 4, T0.plusSeconds(120), Money.of(3048, "EUR"), "cancelled"));

        assertThat(cancelled.status).isEqualTo("CANCELLED");
        assertThat(cancelled.cancellationReason).isEqualTo("customer changed mind");
        assertThat(cancelled.refundDue).isTrue();
        assertThat(refunded.status).isEqualTo("REFUNDED");
        assertThat(refunded.refundDue).isFalse();
        assertThat(refunded.refundedMinor).isEqualTo(3048);
        assertThat(refunded.refundReason).isEqualTo("cancelled");
    }

    @Test
    void a_new_address_replaces_the_old_without_a_status_change_or_touching_the_earlier_view() {
        ShippingAddress office = new ShippingAddress("Ada Lovelace", "1 Office Park", "", "20095", "Hamburg", "", "DE");
        OrderView before = fold(placedMugsAndTea);

        OrderView after = OrderProjection.INSTANCE.evolve(before, addressChanged(order, 2, T0.plusSeconds(30), office));

        assertThat(after.shippingAddress.city).isEqualTo("Hamburg");
        assertThat(after.status).isEqualTo("PENDING");
        assertThat(after.statusHistory).hasSize(1);
        assertThat(before.shippingAddress.city).isEqualTo(HOME.city());
    }

    private static OrderView fold(EventEnvelope... events) {
        return Projections.fold(OrderProjection.INSTANCE, List.of(events));
    }
}
