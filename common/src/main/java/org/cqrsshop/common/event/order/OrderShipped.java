package org.cqrsshop.common.event.order;

import java.util.Objects;
import org.cqrsshop.common.id.OrderId;

/** The order left the warehouse; carrier and tracking number are empty when unknown. */
public record OrderShipped(OrderId orderId, String carrier, String trackingNumber) implements OrderEvent {

    public OrderShipped {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(carrier, "carrier");
        Objects.requireNonNull(trackingNumber, "trackingNumber");
    }
}
