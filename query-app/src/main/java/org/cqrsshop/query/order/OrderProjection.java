package org.cqrsshop.query.order;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.util.ArrayList;
import java.util.List;
import org.cqrsshop.common.event.EventEnvelope;
import org.cqrsshop.common.event.EventTypes;
import org.cqrsshop.common.event.order.OrderCancelled;
import org.cqrsshop.common.event.order.OrderDelivered;
import org.cqrsshop.common.event.order.OrderEvent;
import org.cqrsshop.common.event.order.OrderLine;
import org.cqrsshop.common.event.order.OrderPaid;
import org.cqrsshop.common.event.order.OrderPlaced;
import org.cqrsshop.common.event.order.OrderRefunded;
import org.cqrsshop.common.event.order.OrderShipped;
import org.cqrsshop.common.event.order.OrderStatus;
import org.cqrsshop.common.event.order.ShippingAddressChanged;
import org.cqrsshop.query.projection.ViewProjection;

/**
 * How order events change an order view. The same views serve each customer's order history
 * and the order statistics, through the indexes below.
 */
public final class OrderProjection implements ViewProjection<OrderView> {

    public static final OrderProjection INSTANCE = new OrderProjection();

    private OrderProjection() {}

    @Override
    public String streamType() {
        return EventTypes.ORDER_STREAM;
    }

    @Override
    public String collection() {
        return OrderView.COLLECTION;
    }

    @Override
    public Class<OrderView> viewType() {
        return OrderView.class;
    }

    @Override
    public List<IndexModel> indexes() {
        return List.of(
                new IndexModel(Indexes.ascending("orderNumber"), new IndexOptions().name("by_number").unique(true)),
                new IndexModel(Indexes.descending("customerId", "placedAt", "_id"), new IndexOptions().name("history")),
                new IndexModel(Indexes.descending("placedAt", "_id"), new IndexOptions().name("list_by_placed")),
                new IndexModel(Indexes.descending("totalMinor", "_id"), new IndexOptions().name("list_by_total")),
                new IndexModel(Indexes.ascending("status", "placedAt"), new IndexOptions().name("by_status")));
    }

    @Override
    public OrderView evolve(OrderView current, EventEnvelope envelope) {
        OrderEvent event = (OrderEvent) envelope.event();
        if (event instanceof OrderPlaced placed) {
            return placed(placed, envelope);
        }
        // Version 1 is always OrderPlaced, so past this point there is a view to change.
        OrderView order = current.copy();
        order.updatedAt = envelope.occurredAt();
        if (event instanceof OrderPaid paid) {
            order.paidAt = envelope.occurredAt();
            order.paymentReference = paid.paymentReference();
            order.amountPaidMinor = paid.amount().amountMinor();
            enter(order, OrderStatus.PAID, envelope);
        } else if (event instanceof OrderShipped shipped) {
            order.shippedAt = envelope.occurredAt();
            order.carrier = shipped.carrier();
            order.trackingNumber = shipped.trackingNumber();
            enter(order, OrderStatus.SHIPPED, envelope);
        } else if (event instanceof OrderDelivered) {
            order.deliveredAt = envelope.occurredAt();
            enter(order, OrderStatus.DELIVERED, envelope);
        } else if (event instanceof OrderCancelled cancelled) {
            order.cancelledAt = envelope.occurredAt();
            order.cancellationReason = cancelled.reason();
            order.refundDue = cancelled.refundDue();
            enter(order, OrderStatus.CANCELLED, envelope);
        } else if (event instanceof OrderRefunded refunded) {
            order.refundedAt = envelope.occurredAt();
            order.refundedMinor = refunded.amount().amountMinor();
            order.refundReason = refunded.reason();
            order.refundDue = false;
            enter(order, OrderStatus.REFUNDED, envelope);
        } else if (event instanceof ShippingAddressChanged changed) {
            order.shippingAddress = AddressView.of(changed.shippingAddress());
        } else {
            throw new IllegalArgumentException("unhandled order event " + event.getClass().getName());
        }
        return order;
    }

    private static OrderView placed(OrderPlaced placed, EventEnvelope envelope) {
        OrderView order = new OrderView();
        order.orderNumber = placed.orderNumber();
        order.customerId = placed.customerId().toString();
        order.lines = new ArrayList<>(placed.lines().stream().map(OrderProjection::line).toList());
        order.currency = placed.total().currency().value();
        order.totalMinor = placed.total().amountMinor();
        order.itemCount = placed.lines().stream().mapToInt(OrderLine::quantity).sum();
        order.shippingAddress = AddressView.of(placed.shippingAddress());
        order.fromCart = placed.fromCart();
        order.placedAt = envelope.occurredAt();
        order.updatedAt = envelope.occurredAt();
        enter(order, OrderStatus.PENDING, envelope);
        return order;
    }

    private static OrderLineView line(OrderLine line) {
        OrderLineView view = new OrderLineView();
        view.productId = line.productId().toString();
        view.sku = line.sku();
        view.name = line.name();
        view.quantity = line.quantity();
        view.unitPriceMinor = line.unitPrice().amountMinor();
        view.lineTotalMinor = line.lineTotal().amountMinor();
        return view;
    }

    private static void enter(OrderView order, OrderStatus status, EventEnvelope envelope) {
        order.status = status.name();
        order.statusHistory.add(new StatusChangeView(status.name(), envelope.occurredAt(), envelope.streamVersion()));
    }
}
