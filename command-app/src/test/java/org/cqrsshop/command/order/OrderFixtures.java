package org.cqrsshop.command.order;

import java.util.List;
import org.cqrsshop.common.address.ShippingAddress;
import org.cqrsshop.common.event.order.OrderCancelled;
import org.cqrsshop.common.event.order.OrderDelivered;
import org.cqrsshop.common.event.order.OrderEvent;
import org.cqrsshop.common.event.order.OrderLine;
import org.cqrsshop.common.event.order.OrderPaid;
import org.cqrsshop.common.event.order.OrderPlaced;
import org.cqrsshop.common.event.order.OrderRefunded;
import org.cqrsshop.common.event.order.OrderShipped;
import org.cqrsshop.common.event.order.OrderStatus;
import org.cqrsshop.common.id.CustomerId;
import org.cqrsshop.common.id.OrderId;
import org.cqrsshop.common.id.ProductId;
import org.cqrsshop.common.money.Money;

/** An order for two mugs, and the histories that bring it to each status. */
final class OrderFixtures {

    static final OrderId ORDER = OrderId.of("2d6c9e1a-7b3f-4a58-9c0e-5f1d2b3a4c6e");
    static final CustomerId ADA = CustomerId.of("3c2b1a0f-9e8d-4c7b-a6f5-e4d3c2b1a0f9");
    static final ProductId MUG = ProductId.of("0b6a6c1e-6d0a-4f6e-8a7e-3c1d2b9f4e10");
    static final ShippingAddress HOME = new ShippingAddress("Ada Lovelace", "12 St James's Square", "", "SW1Y 4JH", "London", "", "GB");
    static final ShippingAddress OFFICE = new ShippingAddress("Ada Lovelace", "1 Analytical Way", "", "EC1A 1BB", "London", "", "GB");
    static final Money TOTAL = Money.of(2598, "EUR");
    static final OrderLine TWO_MUGS = new OrderLine(MUG, "MUG-001", "Mug", 2, Money.of(1299, "EUR"), TOTAL);

    private OrderFixtures() {}

    static OrderPlaced placed() {
        return new OrderPlaced(ORDER, "CS-2026-000001", ADA, List.of(TWO_MUGS), TOTAL, HOME, false);
    }

    /** The events that bring the order to {@code status} the usual way. */
    static OrderEvent[] historyTo(OrderStatus status) {
        return switch (status) {
            case PENDING -> new OrderEvent[] {placed()};
            case PAID -> new OrderEvent[] {placed(), paid()};
            case SHIPPED -> new OrderEvent[] {placed(), paid(), new OrderShipped(ORDER, "", "")};
            case DELIVERED -> new OrderEvent[] {placed(), paid(), new OrderShipped(ORDER, "", ""), new OrderDelivered(ORDER)};
            case CANCELLED -> new OrderEvent[] {placed(), paid(), new OrderCancelled(ORDER, "changed mind", true)};
            case REFUNDED -> new OrderEvent[] {placed(), paid(), new OrderCancelled(ORDER, "changed mind", true),
                    new OrderRefunded(ORDER, TOTAL, "cancelled")};
        };
    }

    static OrderPaid paid() {
        return new OrderPaid(ORDER, TOTAL, "psp-1");
    }
}
