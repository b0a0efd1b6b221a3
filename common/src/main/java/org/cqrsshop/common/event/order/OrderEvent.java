package org.cqrsshop.common.event.order;

import org.cqrsshop.common.event.DomainEvent;
import org.cqrsshop.common.id.OrderId;

/** Everything that can happen to an order. */
public sealed interface OrderEvent extends DomainEvent
        permits OrderPlaced, OrderPaid, OrderShipped, OrderDelivered, OrderCancelled, OrderRefunded,
                ShippingAddressChanged {

    OrderId orderId();
}
