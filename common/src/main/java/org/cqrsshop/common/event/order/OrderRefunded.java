package org.cqrsshop.common.event.order;

import java.util.Objects;
import org.cqrsshop.common.id.OrderId;
import org.cqrsshop.common.money.Money;

/** The money paid for the order went back to the customer. */
public record OrderRefunded(OrderId orderId, Money amount, String reason) implements OrderEvent {

    public OrderRefunded {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(reason, "reason");
    }
}
