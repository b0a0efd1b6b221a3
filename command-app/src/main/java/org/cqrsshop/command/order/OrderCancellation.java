package org.cqrsshop.command.order;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cqrsshop.command.decider.Decision;
import org.cqrsshop.command.decider.StreamChange;
import org.cqrsshop.command.decider.Verdict;
import org.cqrsshop.command.order.OrderCommand.ChangeStatus;
import org.cqrsshop.command.product.Product;
import org.cqrsshop.command.product.ProductCommand.ReleaseStock;
import org.cqrsshop.command.product.ProductDecider;
import org.cqrsshop.common.event.EventTypes;
import org.cqrsshop.common.event.order.OrderLine;
import org.cqrsshop.common.event.order.OrderStatus;
import org.cqrsshop.common.id.ProductId;

/**
 * Cancelling an order gives its reserved stock back, in the same transaction. A product deleted
 * since the order was placed takes nothing back: it sells nothing any more.
 */
public final class OrderCancellation {

    private OrderCancellation() {}

    /** The products whose stock a cancellation would release. */
    public static List<ProductId> productsToRelease(Order order) {
        return order instanceof Order.Placed placed
                ? List.copyOf(quantities(placed).keySet())
                : List.of();
    }

    public static Verdict<List<StreamChange>> decide(ChangeStatus cancel, Order order, Map<ProductId, Product> products) {
        if (cancel.target() != OrderStatus.CANCELLED) {
            throw new IllegalArgumentException("a cancellation moves the order to CANCELLED, not " + cancel.target());
        }
        Decision<?> cancelled = OrderDecider.decide(cancel, order);
        if (cancelled instanceof Decision.Rejected<?> rejected) {
            return Verdict.refuse(rejected.rejection());
        }
        List<StreamChange> changes = new ArrayList<>();
        changes.add(OrderPlacement.change(EventTypes.ORDER_STREAM, cancel.orderId().value(), cancelled));
        for (Map.Entry<ProductId, Integer> line : quantities((Order.Placed) order).entrySet()) {
            Product product = products.getOrDefault(line.getKey(), new Product.Unknown());
            if (!(product instanceof Product.Active)) {
                continue;
            }
            Decision<?> released = ProductDecider.decide(
                    new ReleaseStock(line.getKey(), cancel.orderId(), line.getValue()), product);
            if (released instanceof Decision.Rejected<?> rejected) {
                return Verdict.refuse(rejected.rejection());
            }
            changes.add(OrderPlacement.change(EventTypes.PRODUCT_STREAM, line.getKey().value(), released));
        }
        return Verdict.allow(List.copyOf(changes));
    }

    private static Map<ProductId, Integer> quantities(Order.Placed order) {
        Map<ProductId, Integer> quantities = new LinkedHashMap<>();
        for (OrderLine line : order.details().lines()) {
            quantities.merge(line.productId(), line.quantity(), Integer::sum);
        }
        return quantities;
    }
}
