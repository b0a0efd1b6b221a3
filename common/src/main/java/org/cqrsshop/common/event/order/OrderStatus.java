package org.cqrsshop.common.event.order;

/**
 * Where an order is in its life. The allowed moves between them are the order aggregate's rules,
 * tabled in docs/orders.md.
 */
public enum OrderStatus {
    PENDING,
    PAID,
    SHIPPED,
    DELIVERED,
    CANCELLED,
    REFUNDED
}
