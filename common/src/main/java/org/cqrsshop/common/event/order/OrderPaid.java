package org.cqrsshop.common.event.order;

import java.util.Objects;
import org.cqrsshop.common.id.OrderId;
import org.cqrsshop.common.money.Money;

/** Payment for the order's total arrived. */
public record OrderPaid(OrderId orderId, Money amount, String paymentReference) implements OrderEvent {

    public OrderPaid {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(paymentReference, "paymentReference");
    }
}
