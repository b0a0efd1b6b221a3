package org.cqrsshop.query.order;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.cqrsshop.common.address.ShippingAddress;
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
import org.cqrsshop.common.id.CustomerId;
import org.cqrsshop.common.id.OrderId;
import org.cqrsshop.common.id.ProductId;
import org.cqrsshop.common.money.Money;

/** Order events as the relay would publish them, each at the instant the test says. */
public final class OrderEvents {

    public static final Instant T0 = Instant.parse("2026-11-24T09:00:00Z");
    public static final ShippingAddress HOME =
            new ShippingAddress("Ada Lovelace", "12 Analytical Row", "", "10115", "Berlin", "", "DE");
    /** How long after the previous step each step of {@link #through} happens. */
    public static final Duration STEP = Duration.ofMinutes(10);

    private OrderEvents() {}

    public static OrderLine line(ProductId product, String sku, String name, int quantity, Money unitPrice) {
        return new OrderLine(product, sku, name, quantity, unitPrice, unitPrice.times(quantity));
    }

    /** An order of explicit lines (not from the cart), for their sum. */
    public static EventEnvelope placed(OrderId order, String number, CustomerId customer, Instant at, OrderLine... lines) {
        Money total = Arrays.stream(lines).map(OrderLine::lineTotal).reduce(Money::plus).orElseThrow();
        return envelope(1, at, new OrderPlaced(order, number, customer, List.of(lines), total, HOME, false));
    }

    public static EventEnvelope paid(OrderId order, long version, Instant at, Money amount, String reference) {
        return envelope(version, at, new OrderPaid(order, amount, reference));
    }

    public static EventEnvelope shipped(OrderId order, long version, Instant at, String carrier, String trackingNumber) {
        return envelope(version, at, new OrderShipped(order, carrier, trackingNumber));
    }

    public static EventEnvelope delivered(OrderId order, long version, Instant at) {
        return envelope(version, at, new OrderDelivered(order));
    }

    public static EventEnvelope cancelled(OrderId order, long version, Instant at, String reason, boolean refundDue) {
        return envelope(version, at, new OrderCancelled(order, reason, refundDue));
    }

    public static EventEnvelope refunded(OrderId order, long version, Instant at, Money amount, String reason) {
        return envelope(version, at, new OrderRefunded(order, amount, reason));
    }

    public static EventEnvelope addressChanged(OrderId order, long version, Instant at, ShippingAddress address) {
        return envelope(version, at, new ShippingAddressChanged(order, address));
    }

    /**
     * The whole stream of a one-line order that ends in {@code status}, by the shortest allowed
     * path (docs/orders.md): REFUNDED goes through PAID and CANCELLED. Each step follows the
     * previous one after {@link #STEP}.
     */
    public static List<EventEnvelope> through(
            OrderStatus status, OrderId order, String number, CustomerId customer, Instant placedAt, Money total) {
        List<EventEnvelope> stream = new ArrayList<>();
        stream.add(placed(order, number, customer, placedAt,
                line(ProductId.of("00000000-0000-4000-8000-0000000000aa"), "SKU-AA", "Thing", 1, total)));
        List<OrderStatus> path = switch (status) {
            case PENDING -> List.of();
            case PAID -> List.of(OrderStatus.PAID);
            case SHIPPED -> List.of(OrderStatus.PAID, OrderStatus.SHIPPED);
            case DELIVERED -> List.of(OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.DELIVERED);
            case CANCELLED -> List.of(OrderStatus.CANCELLED);
            case REFUNDED -> List.of(OrderStatus.PAID, OrderStatus.CANCELLED, OrderStatus.REFUNDED);
        };
        boolean wasPaid = false;
        for (OrderStatus next : path) {
            long version = stream.size() + 1;
            Instant at = placedAt.plus(STEP.multipliedBy(stream.size()));
            stream.add(switch (next) {
                case PAID -> paid(order, version, at, total, "PAY-" + number);
                case SHIPPED -> shipped(order, version, at, "DHL", "TRACK-" + number);
                case DELIVERED -> delivered(order, version, at);
                case CANCELLED -> cancelled(order, version, at, "changed my mind", wasPaid);
                case REFUNDED -> refunded(order, version, at, total, "refund after cancellation");
                case PENDING -> throw new IllegalArgumentException("an order is PENDING only when placed");
            });
            wasPaid |= next == OrderStatus.PAID;
        }
        return stream;
    }

    public static EventEnvelope envelope(long version, Instant at, OrderEvent event) {
        return new EventEnvelope(UUID.randomUUID(), event.orderId().value(), EventTypes.ORDER_STREAM, version,
                3000 + version, at, UUID.randomUUID(), UUID.randomUUID(), null, event);
    }
}
