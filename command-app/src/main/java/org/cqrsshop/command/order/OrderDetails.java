package org.cqrsshop.command.order;

import java.util.List;
import java.util.Objects;
import org.cqrsshop.common.address.ShippingAddress;
import org.cqrsshop.common.event.order.OrderLine;
import org.cqrsshop.common.id.CustomerId;
import org.cqrsshop.common.id.OrderId;
import org.cqrsshop.common.money.Money;

/** What an order is, whatever its status: fixed when placed, except the shipping address. */
public record OrderDetails(
        OrderId orderId, String orderNumber, CustomerId customerId, List<OrderLine> lines, Money total,
        ShippingAddress shippingAddress) {

    public OrderDetails {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(orderNumber, "orderNumber");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(shippingAddress, "shippingAddress");
        lines = List.copyOf(lines);
    }

    OrderDetails shippingTo(ShippingAddress address) {
        return new OrderDetails(orderId, orderNumber, customerId, lines, total, address);
    }
}
