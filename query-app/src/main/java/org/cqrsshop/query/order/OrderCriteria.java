package org.cqrsshop.query.order;

import java.time.Instant;
import java.util.List;
import org.cqrsshop.common.event.order.OrderStatus;

/**
 * Conditions an order view must all meet; a {@code null} condition is left out.
 *
 * @param statuses any of these; empty means every status
 * @param customerId a canonical UUID
 * @param placedFrom placed at or after, inclusive
 * @param placedTo placed before, exclusive
 */
public record OrderCriteria(List<OrderStatus> statuses, String customerId, Instant placedFrom, Instant placedTo) {

    public static final OrderCriteria ALL = new OrderCriteria(List.of(), null, null, null);

    public OrderCriteria {
        statuses = statuses == null ? List.of() : List.copyOf(statuses);
    }

    public static OrderCriteria ofCustomer(String customerId) {
        return new OrderCriteria(List.of(), customerId, null, null);
    }
}
