package org.cqrsshop.common.event.order;

import java.util.Objects;
import org.cqrsshop.common.id.OrderId;

/** The customer received the order. */
public record OrderDelivered(OrderId orderId) implements OrderEvent {

    public OrderDelivered {
        Objects.requireNonNull(orderId, "orderId");
    }
}
