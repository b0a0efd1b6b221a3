package org.cqrsshop.common.event.order;

import java.util.List;
import java.util.Objects;
import org.cqrsshop.common.address.ShippingAddress;
import org.cqrsshop.common.id.CustomerId;
import org.cqrsshop.common.id.OrderId;
import org.cqrsshop.common.money.Money;

/**
 * A customer placed an order; its stock was reserved in the same transaction. The order is
 * PENDING until paid.
 *
 * @param orderNumber the human-readable, unique number quoted to the customer, e.g. CS-2026-000042
 * @param fromCart whether the lines came from the customer's cart, which was checked out with it
 */
public record OrderPlaced(
        OrderId orderId,
        String orderNumber,
        CustomerId customerId,
        List<OrderLine> lines,
        Money total,
        ShippingAddress shippingAddress,
        boolean fromCart) implements OrderEvent {

    public OrderPlaced {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(orderNumber, "orderNumber");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(shippingAddress, "shippingAddress");
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("an order has at least one line");
        }
    }
}
