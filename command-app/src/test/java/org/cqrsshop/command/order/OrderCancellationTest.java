package org.cqrsshop.command.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cqrsshop.command.order.OrderFixtures.MUG;
import static org.cqrsshop.command.order.OrderFixtures.ORDER;
import static org.cqrsshop.command.order.OrderFixtures.historyTo;

import java.util.List;
import java.util.Map;
import org.cqrsshop.command.decider.StreamChange;
import org.cqrsshop.command.decider.Verdict;
import org.cqrsshop.command.order.OrderCommand.ChangeStatus;
import org.cqrsshop.command.product.Product;
import org.cqrsshop.command.product.ProductDetails;
import org.cqrsshop.common.event.EventTypes;
import org.cqrsshop.common.event.order.OrderCancelled;
import org.cqrsshop.common.event.order.OrderStatus;
import org.cqrsshop.common.event.product.StockReleased;
import org.cqrsshop.common.money.Money;
import org.junit.jupiter.api.Test;

/** Cancelling an order gives its stock back in the same transaction. */
class OrderCancellationTest {

    private static final ChangeStatus CANCEL = new ChangeStatus(ORDER, OrderStatus.CANCELLED, "changed mind");
    private static final Product MUGS = new Product.Active(MUG,
            new ProductDetails("MUG-001", "Mug", "", Money.of(1299, "EUR"), "kitchen"), 8);

    @Test
    void given_pending_order_when_cancelled_then_cancelled_and_its_units_released() {
        Order order = OrderDecider.DECIDER.fold(List.of(historyTo(OrderStatus.PENDING)));

        assertThat(OrderCancellation.productsToRelease(order)).containsExactly(MUG);
        assertThat(OrderCancellation.decide(CANCEL, order, Map.of(MUG, MUGS))).isEqualTo(Verdict.allow(List.of(
                new StreamChange(EventTypes.ORDER_STREAM, ORDER.value(), List.of(new OrderCancelled(ORDER, "changed mind", false))),
                new StreamChange(EventTypes.PRODUCT_STREAM, MUG.value(), List.of(new StockReleased(MUG, ORDER, 2, 10))))));
    }

    @Test
    void given_a_product_deleted_since_when_cancelled_then_nothing_goes_back_to_it() {
        Order order = OrderDecider.DECIDER.fold(List.of(historyTo(OrderStatus.PAID)));

        assertThat(OrderCancellation.decide(CANCEL, order, Map.of(MUG, new Product.Deleted(MUG, "MUG-001"))))
                .isEqualTo(Verdict.allow(List.of(new StreamChange(EventTypes.ORDER_STREAM, ORDER.value(),
                        List.of(new OrderCancelled(ORDER, "changed mind", true))))));
    }

    @Test
    void given_shipped_order_when_cancelled_then_invalid_transition_and_no_stock_moves() {
        Order order = OrderDecider.DECIDER.fold(List.of(historyTo(OrderStatus.SHIPPED)));

        assertThat(OrderCancellation.decide(CANCEL, order, Map.of(MUG, MUGS))).isEqualTo(Verdict.refuse(
                new OrderRejection.InvalidTransition(ORDER, OrderStatus.SHIPPED, "CANCELLED")));
    }

    @Test
    void given_no_order_when_cancelled_then_not_found() {
        assertThat(OrderCancellation.productsToRelease(new Order.None())).isEmpty();
        assertThat(OrderCancellation.decide(CANCEL, new Order.None(), Map.of()))
                .isEqualTo(Verdict.refuse(new OrderRejection.NotFound(ORDER)));
    }
}
