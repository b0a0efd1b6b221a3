package org.cqrsshop.command.order;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.cqrsshop.common.address.ShippingAddress;
import org.cqrsshop.common.event.order.OrderLine;
import org.cqrsshop.common.event.order.OrderStatus;
import org.cqrsshop.common.id.CustomerId;
import org.cqrsshop.common.id.OrderId;
import org.cqrsshop.common.money.Money;

/** What can be asked of an order. Malformed commands cannot be built. */
public sealed interface OrderCommand {

    int MAX_TEXT_LENGTH = 500;

    OrderId orderId();

    /**
     * Places the order with lines already priced from the products; part of {@link OrderPlacement}.
     *
     * @param expectedTotal the total the customer was shown, if the client sent it
     */
    record PlaceOrder(
            OrderId orderId, String orderNumber, CustomerId customerId, List<OrderLine> lines,
            ShippingAddress shippingAddress, boolean fromCart, Optional<Money> expectedTotal) implements OrderCommand {
        public PlaceOrder {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(orderNumber, "orderNumber");
            Objects.requireNonNull(customerId, "customerId");
            Objects.requireNonNull(shippingAddress, "shippingAddress");
            Objects.requireNonNull(expectedTotal, "expectedTotal");
            lines = List.copyOf(lines);
            if (lines.isEmpty()) {
                throw new IllegalArgumentException("an order has at least one line");
            }
        }
    }

    /**
     * Moves the order to {@code target}, if the transition table allows it.
     *
     * @param note the payment reference for PAID, the reason for CANCELLED and REFUNDED; may be empty
     */
    record ChangeStatus(OrderId orderId, OrderStatus target, String note) implements OrderCommand {
        public ChangeStatus {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(note, "note");
            if (note.length() > MAX_TEXT_LENGTH) {
                throw new IllegalArgumentException("the note is longer than " + MAX_TEXT_LENGTH);
            }
        }
    }

    /** Ships a paid order; carrier and tracking number may be empty when unknown. */
    record Ship(OrderId orderId, String carrier, String trackingNumber) implements OrderCommand {
        public Ship {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(carrier, "carrier");
            Objects.requireNonNull(trackingNumber, "trackingNumber");
            if (carrier.length() > MAX_TEXT_LENGTH || trackingNumber.length() > MAX_TEXT_LENGTH) {
                throw new IllegalArgumentException("carrier and tracking number are at most " + MAX_TEXT_LENGTH + " characters");
            }
        }
    }

    /** Sends the order somewhere else; only before it ships. */
    record ChangeShippingAddress(OrderId orderId, ShippingAddress shippingAddress) implements OrderCommand {
        public ChangeShippingAddress {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(shippingAddress, "shippingAddress");
        }
    }
}
