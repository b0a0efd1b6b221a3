package org.cqrsshop.command.order;

import org.cqrsshop.common.event.order.OrderStatus;

/** The states an order stream can be in; each placed state carries the order's details. */
public sealed interface Order {

    /** No event yet: the id is free. */
    record None() implements Order {}

    /** An order that exists, in one of its statuses. */
    sealed interface Placed extends Order {
        OrderDetails details();

        OrderStatus status();
    }

    record Pending(OrderDetails details) implements Placed {
        public OrderStatus status() {
            return OrderStatus.PENDING;
        }
    }

    record Paid(OrderDetails details) implements Placed {
        public OrderStatus status() {
            return OrderStatus.PAID;
        }
    }

    record Shipped(OrderDetails details) implements Placed {
        public OrderStatus status() {
            return OrderStatus.SHIPPED;
        }
    }

    record Delivered(OrderDetails details) implements Placed {
        public OrderStatus status() {
            return OrderStatus.DELIVERED;
        }
    }

    /** @param refundDue whether it had been paid, so a refund must follow */
    record Cancelled(OrderDetails details, boolean refundDue) implements Placed {
        public OrderStatus status() {
            return OrderStatus.CANCELLED;
        }
    }

    record Refunded(OrderDetails details) implements Placed {
        public OrderStatus status() {
            return OrderStatus.REFUNDED;
        }
    }
}
