package org.cqrsshop.query.order.graphql;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.cqrsshop.common.event.order.OrderStatus;
import org.cqrsshop.query.order.OrderView;
import org.cqrsshop.query.order.StatusChangeView;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("OrderStatusChange")
@Description("An order entered a status: PENDING when it was placed, then each change. `order` is the order at"
        + " `version`, the version of the event that made the change.")
public record OrderStatusChange(
        @NonNull @Id String orderId,
        @NonNull @Id String customerId,
        @NonNull String orderNumber,
        int version,
        @NonNull OrderStatus status,
        @Description("null for a newly placed order") OrderStatus previousStatus,
        @NonNull Instant changedAt,
        @NonNull Order order) {

    /** The change the order's last event made, if that event changed its status. */
    static Optional<OrderStatusChange> madeBy(OrderView view) {
        List<StatusChangeView> history = view.statusHistory;
        if (history.isEmpty() || history.get(history.size() - 1).version != view.version) {
            return Optional.empty();
        }
        StatusChangeView change = history.get(history.size() - 1);
        OrderStatus previous = history.size() > 1 ? OrderStatus.valueOf(history.get(history.size() - 2).status) : null;
        return Optional.of(new OrderStatusChange(view.id, view.customerId, view.orderNumber,
                Math.toIntExact(view.version), OrderStatus.valueOf(change.status), previous, change.at, Order.of(view)));
    }
}
