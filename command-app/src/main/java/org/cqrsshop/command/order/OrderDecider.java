package org.cqrsshop.command.order;

import static org.cqrsshop.common.event.order.OrderStatus.CANCELLED;
import static org.cqrsshop.common.event.order.OrderStatus.DELIVERED;
import static org.cqrsshop.common.event.order.OrderStatus.PAID;
import static org.cqrsshop.common.event.order.OrderStatus.PENDING;
import static org.cqrsshop.common.event.order.OrderStatus.REFUNDED;
import static org.cqrsshop.common.event.order.OrderStatus.SHIPPED;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.cqrsshop.command.decider.Decider;
import org.cqrsshop.command.decider.Decision;
import org.cqrsshop.command.order.Order.Placed;
import org.cqrsshop.command.order.OrderCommand.ChangeShippingAddress;
import org.cqrsshop.command.order.OrderCommand.ChangeStatus;
import org.cqrsshop.command.order.OrderCommand.PlaceOrder;
import org.cqrsshop.command.order.OrderCommand.Ship;
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
import org.cqrsshop.common.money.Money;

/** The order's rules, as pure functions. */
public final class OrderDecider {

    /**
     * Every status change an order allows; docs/orders.md shows the same table and a test keeps
     * the two equal. CANCELLED to REFUNDED is only allowed for an order that had been paid.
     */
    public static final Map<OrderStatus, Set<OrderStatus>> TRANSITIONS = transitions();

    public static final Decider<OrderCommand, OrderEvent, Order> DECIDER =
            Decider.of(EventTypes.ORDER_STREAM, OrderEvent.class, new Order.None(), OrderDecider::evolve,
                    OrderDecider::decide);

    private OrderDecider() {}

    private static Map<OrderStatus, Set<OrderStatus>> transitions() {
        Map<OrderStatus, Set<OrderStatus>> table = new EnumMap<>(OrderStatus.class);
        table.put(PENDING, EnumSet.of(PAID, CANCELLED));
        table.put(PAID, EnumSet.of(SHIPPED, CANCELLED));
        table.put(SHIPPED, EnumSet.of(DELIVERED));
        table.put(DELIVERED, EnumSet.of(REFUNDED));
        table.put(CANCELLED, EnumSet.of(REFUNDED));
        table.put(REFUNDED, EnumSet.noneOf(OrderStatus.class));
        return table;
    }

    public static Decision<OrderEvent> decide(OrderCommand command, Order state) {
        if (command instanceof PlaceOrder place) {
            return state instanceof Order.None
                    ? place(place)
                    : Decision.reject(new OrderRejection.AlreadyExists(place.orderId()));
        }
        if (!(state instanceof Placed order)) {
            return Decision.reject(new OrderRejection.NotFound(command.orderId()));
        }
        if (command instanceof ChangeStatus change) {
            return changeStatus(order, change.target(), change.note());
        }
        if (command instanceof Ship ship) {
            if (order.status() != PAID) {
                return invalid(order, SHIPPED.name());
            }
            return Decision.accept(new OrderShipped(ship.orderId(), ship.carrier(), ship.trackingNumber()));
        }
        if (command instanceof ChangeShippingAddress change) {
            if (order.status() != PENDING && order.status() != PAID) {
                return invalid(order, "a new shipping address");
            }
            if (change.shippingAddress().equals(order.details().shippingAddress())) {
                return Decision.accept();
            }
            return Decision.accept(new ShippingAddressChanged(change.orderId(), change.shippingAddress()));
        }
        throw new IllegalArgumentException("unhandled command " + command.getClass().getName());
    }

    private static Decision<OrderEvent> place(PlaceOrder place) {
        var currency = place.lines().get(0).unitPrice().currency();
        Money total = Money.zero(currency);
        for (OrderLine line : place.lines()) {
            if (!line.unitPrice().currency().equals(currency)) {
                return Decision.reject(new OrderRejection.CurrencyMismatch(place.orderId()));
            }
            total = total.plus(line.lineTotal());
        }
        if (place.expectedTotal().isPresent() && !place.expectedTotal().get().equals(total)) {
            return Decision.reject(new OrderRejection.PriceChanged(place.orderId(), place.expectedTotal().get(), total));
        }
        return Decision.accept(new OrderPlaced(place.orderId(), place.orderNumber(), place.customerId(), place.lines(),
                total, place.shippingAddress(), place.fromCart()));
    }

    private static Decision<OrderEvent> changeStatus(Placed order, OrderStatus target, String note) {
        boolean refundOwed = !(order instanceof Order.Cancelled cancelled) || cancelled.refundDue();
        if (!TRANSITIONS.get(order.status()).contains(target) || (target == REFUNDED && !refundOwed)) {
            return invalid(order, target.name());
        }
        OrderDetails details = order.details();
        if (target == PAID) {
            return Decision.accept(new OrderPaid(details.orderId(), details.total(), note));
        }
        if (target == SHIPPED) {
            return Decision.accept(new OrderShipped(details.orderId(), "", ""));
        }
        if (target == DELIVERED) {
            return Decision.accept(new OrderDelivered(details.orderId()));
        }
        if (target == CANCELLED) {
            return Decision.accept(new OrderCancelled(details.orderId(), note, order.status() == PAID));
        }
        if (target == REFUNDED) {
            return Decision.accept(new OrderRefunded(details.orderId(), details.total(), note));
        }
        throw new IllegalArgumentException("no event for a move to " + target);
    }

    private static Decision<OrderEvent> invalid(Placed order, String requested) {
        return Decision.reject(new OrderRejection.InvalidTransition(order.details().orderId(), order.status(), requested));
    }

    public static Order evolve(Order state, OrderEvent event) {
        if (event instanceof OrderPlaced placed) {
            return new Order.Pending(new OrderDetails(placed.orderId(), placed.orderNumber(), placed.customerId(),
                    placed.lines(), placed.total(), placed.shippingAddress()));
        }
        if (!(state instanceof Placed order)) {
            throw new IllegalStateException(event.getClass().getSimpleName() + " cannot follow " + state);
        }
        OrderDetails details = order.details();
        if (event instanceof OrderPaid) {
            return new Order.Paid(details);
        }
        if (event instanceof OrderShipped) {
            return new Order.Shipped(details);
        }
        if (event instanceof OrderDelivered) {
            return new Order.Delivered(details);
        }
        if (event instanceof OrderCancelled cancelled) {
            return new Order.Cancelled(details, cancelled.refundDue());
        }
        if (event instanceof OrderRefunded) {
            return new Order.Refunded(details);
        }
        if (event instanceof ShippingAddressChanged changed) {
            return withDetails(order, details.shippingTo(changed.shippingAddress()));
        }
        throw new IllegalArgumentException("unhandled event " + event.getClass().getName());
    }

    private static Order withDetails(Placed order, OrderDetails details) {
        if (order instanceof Order.Pending) {
            return new Order.Pending(details);
        }
        if (order instanceof Order.Paid) {
            return new Order.Paid(details);
        }
        throw new IllegalStateException("the address only changes before shipping, not when " + order.status());
    }
}
