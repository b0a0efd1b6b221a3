package org.cqrsshop.common.event.order;

import java.util.Objects;
import org.cqrsshop.common.id.OrderId;

/**
 * The order was cancelled before shipping; its reserved stock was released in the same
 * transaction.
 *
 * @param refundDue whether the order had been paid, so that the money must go back
 */
public record OrderCancelled(OrderId orderId, String reason, boolean refundDue) implements OrderEvent {

    public OrderCancelled {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(reason, "reason");
    }
}
