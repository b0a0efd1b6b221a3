package org.cqrsshop.command.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cqrsshop.command.order.OrderFixtures.ADA;
import static org.cqrsshop.command.order.OrderFixtures.HOME;
import static org.cqrsshop.command.order.OrderFixtures.MUG;
import static org.cqrsshop.command.order.OrderFixtures.OFFICE;
import static org.cqrsshop.command.order.OrderFixtures.ORDER;
import static org.cqrsshop.command.order.OrderFixtures.TOTAL;
import static org.cqrsshop.command.order.OrderFixtures.TWO_MUGS;
import static org.cqrsshop.command.order.OrderFixtures.historyTo;
import static org.cqrsshop.command.order.OrderFixtures.paid;
import static org.cqrsshop.command.order.OrderFixtures.placed;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cqrsshop.command.decider.DeciderSpec;
import org.cqrsshop.command.decider.Decision;
import org.cqrsshop.command.order.OrderCommand.ChangeShippingAddress;
import org.cqrsshop.command.order.OrderCommand.ChangeStatus;
import org.cqrsshop.command.order.OrderCommand.PlaceOrder;
import org.cqrsshop.command.order.OrderCommand.Ship;
import org.cqrsshop.common.event.order.OrderCancelled;
import org.cqrsshop.common.event.order.OrderDelivered;
import org.cqrsshop.common.event.order.OrderEvent;
import org.cqrsshop.common.event.order.OrderLine;
import org.cqrsshop.common.event.order.OrderPlaced;
import org.cqrsshop.common.event.order.OrderRefunded;
import org.cqrsshop.common.event.order.OrderShipped;
import org.cqrsshop.common.event.order.OrderStatus;
import org.cqrsshop.common.event.order.ShippingAddressChanged;
import org.cqrsshop.common.money.Money;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class OrderDeciderTest {

    private final DeciderSpec<OrderCommand, OrderEvent, Order> spec = DeciderSpec.of(OrderDecider.DECIDER);

    @Test
    void given_no_order_when_placed_then_placed_with_the_sum_of_its_lines() {
        OrderLine cup = new OrderLine(MUG, "CUP-1", "Cup", 1, Money.of(500, "EUR"), Money.of(500, "EUR"));
        spec.given().when(place(List.of(TWO_MUGS, cup), Optional.empty()))
                .then(new OrderPlaced(ORDER, "CS-2026-000001", ADA, List.of(TWO_MUGS, cup),
                        Money.of(3098, "EUR"), HOME, false));
    }

    @Test
    void given_no_order_when_placed_at_the_total_the_customer_saw_then_placed() {
        spec.given().when(place(List.of(TWO_MUGS), Optional.of(TOTAL))).then(placed());
    }

    @Test
    void given_no_order_when_placed_at_another_total_than_the_customer_saw_then_price_changed() {
        spec.given().when(place(List.of(TWO_MUGS), Optional.of(Money.of(2000, "EUR"))))
                .thenRejected(new OrderRejection.PriceChanged(ORDER, Money.of(2000, "EUR"), TOTAL));
    }

    @Test
    void given_no_order_when_lines_are_priced_in_two_currencies_then_currency_mismatch() {
        OrderLine dollars = new OrderLine(MUG, "CUP-1", "Cup", 1, Money.of(500, "USD"), Money.of(500, "USD"));
        spec.given().when(place(List.of(TWO_MUGS, dollars), Optional.empty()))
                .thenRejected(new OrderRejection.CurrencyMismatch(ORDER));
    }

    @Test
    void given_an_order_when_placed_again_then_already_exists() {
        spec.given(placed()).when(place(List.of(TWO_MUGS), Optional.empty()))
                .thenRejected(new OrderRejection.AlreadyExists(ORDER));
    }

    @Test
    void given_no_order_when_its_status_changes_then_not_found() {
        spec.given().when(new ChangeStatus(ORDER, OrderStatus.PAID, "")).thenRejected(new OrderRejection.NotFound(ORDER));
    }

    @Test
    void given_pending_order_when_paid_then_paid_its_total() {
        spec.given(placed()).when(new ChangeStatus(ORDER, OrderStatus.PAID, "psp-1")).then(paid());
    }

    @Test
    void given_paid_order_when_shipped_then_shipped() {
        spec.given(placed(), paid()).when(new ChangeStatus(ORDER, OrderStatus.SHIPPED, "")).then(new OrderShipped(ORDER, "", ""));
    }

    @Test
    void given_paid_order_when_shipped_with_tracking_then_the_tracking_is_recorded() {
        spec.given(placed(), paid()).when(new Ship(ORDER, "DHL", "JD0146")).then(new OrderShipped(ORDER, "DHL", "JD0146"));
    }

    @Test
    void given_pending_order_when_shipped_with_tracking_then_invalid_transition() {
        spec.given(placed()).when(new Ship(ORDER, "DHL", "JD0146"))
                .thenRejected(new OrderRejection.InvalidTransition(ORDER, OrderStatus.PENDING, "SHIPPED"));
    }

    @Test
    void given_shipped_order_when_delivered_then_delivered() {
        spec.given(historyTo(OrderStatus.SHIPPED)).when(new ChangeStatus(ORDER, OrderStatus.DELIVERED, ""))
                .then(new OrderDelivered(ORDER));
    }

    @Test
    void given_pending_order_when_cancelled_then_cancelled_with_no_refund_due() {
        spec.given(placed()).when(new ChangeStatus(ORDER, OrderStatus.CANCELLED, "changed mind"))
                .then(new OrderCancelled(ORDER, "changed mind", false));
    }

    @Test
    void given_paid_order_when_cancelled_then_cancelled_with_a_refund_due() {
        spec.given(placed(), paid()).when(new ChangeStatus(ORDER, OrderStatus.CANCELLED, "changed mind"))
                .then(new OrderCancelled(ORDER, "changed mind", true));
    }

    @Test
    void given_paid_then_cancelled_order_when_refunded_then_refunded_its_total() {
        spec.given(historyTo(OrderStatus.CANCELLED)).when(new ChangeStatus(ORDER, OrderStatus.REFUNDED, "cancelled"))
                .then(new OrderRefunded(ORDER, TOTAL, "cancelled"));
    }

    @Test
    void given_unpaid_cancelled_order_when_refunded_then_invalid_transition_as_nothing_was_paid() {
        spec.given(placed(), new OrderCancelled(ORDER, "changed mind", false))
                .when(new ChangeStatus(ORDER, OrderStatus.REFUNDED, "x"))
                .thenRejected(new OrderRejection.InvalidTransition(ORDER, OrderStatus.CANCELLED, "REFUNDED"));
    }

    @Test
    void given_delivered_order_when_refunded_then_refunded() {
        spec.given(historyTo(OrderStatus.DELIVERED)).when(new ChangeStatus(ORDER, OrderStatus.REFUNDED, "returned"))
                .then(new OrderRefunded(ORDER, TOTAL, "returned"));
    }

    /** Every pair of statuses the table leaves out is refused, whatever the order's history. */
    @TestFactory
    List<DynamicTest> every_status_change_outside_the_table_is_an_invalid_state_transition() {
        List<DynamicTest> tests = new ArrayList<>();
        for (OrderStatus from : OrderStatus.values()) {
            for (OrderStatus to : OrderStatus.values()) {
                if (OrderDecider.TRANSITIONS.get(from).contains(to)) {
                    continue;
                }
                tests.add(DynamicTest.dynamicTest("given " + from + " when " + to + " then invalid", () ->
                        spec.given(historyTo(from)).when(new ChangeStatus(ORDER, to, ""))
                                .thenRejected(new OrderRejection.InvalidTransition(ORDER, from, to.name()))));
            }
        }
        assertThat(tests).hasSize(36 - 7);
        return tests;
    }

    /** Every change the table allows produces exactly one event and lands in the target status. */
    @TestFactory
    List<DynamicTest> every_status_change_in_the_table_lands_in_its_target() {
        List<DynamicTest> tests = new ArrayList<>();
        OrderDecider.TRANSITIONS.forEach((from, targets) -> targets.forEach(to ->
                tests.add(DynamicTest.dynamicTest("given " + from + " when " + to + " then " + to, () -> {
                    Order before = OrderDecider.DECIDER.fold(List.of(historyTo(from)));
                    Decision<OrderEvent> decision = OrderDecider.decide(new ChangeStatus(ORDER, to, "note"), before);
                    List<OrderEvent> events = ((Decision.Accepted<OrderEvent>) decision).events();
                    assertThat(events).hasSize(1);
                    assertThat(((Order.Placed) OrderDecider.evolve(before, events.get(0))).status()).isEqualTo(to);
                }))));
        return tests;
    }

    @Test
    void given_pending_or_paid_order_when_the_address_changes_then_changed() {
        spec.given(placed()).when(new ChangeShippingAddress(ORDER, OFFICE)).then(new ShippingAddressChanged(ORDER, OFFICE));
        spec.given(placed(), paid()).when(new ChangeShippingAddress(ORDER, OFFICE)).then(new ShippingAddressChanged(ORDER, OFFICE));
    }

    @Test
    void given_an_order_when_the_address_is_set_to_what_it_is_then_nothing_happens() {
        spec.given(placed()).when(new ChangeShippingAddress(ORDER, HOME)).then();
    }

    @Test
    void given_shipped_order_when_the_address_changes_then_invalid_transition() {
        spec.given(historyTo(OrderStatus.SHIPPED)).when(new ChangeShippingAddress(ORDER, OFFICE))
                .thenRejected(new OrderRejection.InvalidTransition(ORDER, OrderStatus.SHIPPED, "a new shipping address"));
    }

    @Test
    void a_changed_address_is_where_the_order_goes() {
        Order order = OrderDecider.DECIDER.fold(List.of(placed(), new ShippingAddressChanged(ORDER, OFFICE), paid()));
        assertThat(((Order.Placed) order).details().shippingAddress()).isEqualTo(OFFICE);
        assertThat(((Order.Placed) order).status()).isEqualTo(OrderStatus.PAID);
    }

    private static PlaceOrder place(List<OrderLine> lines, Optional<Money> expectedTotal) {
        return new PlaceOrder(ORDER, "CS-2026-000001", ADA, lines, HOME, false, expectedTotal);
    }
}
