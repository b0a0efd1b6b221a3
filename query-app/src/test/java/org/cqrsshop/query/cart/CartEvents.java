package org.cqrsshop.query.cart;

import java.time.Instant;
import java.util.UUID;
import org.cqrsshop.common.event.EventEnvelope;
import org.cqrsshop.common.event.EventTypes;
import org.cqrsshop.common.event.cart.CartCheckedOut;
import org.cqrsshop.common.event.cart.CartCleared;
import org.cqrsshop.common.event.cart.CartEvent;
import org.cqrsshop.common.event.cart.CartItemAdded;
import org.cqrsshop.common.event.cart.CartItemRemoved;
import org.cqrsshop.common.id.CartId;
import org.cqrsshop.common.id.CustomerId;
import org.cqrsshop.common.id.OrderId;
import org.cqrsshop.common.id.ProductId;

/** Cart events as the relay would publish them: event {@code n} of a stream happened at T0 + n seconds. */
public final class CartEvents {

    public static final Instant T0 = Instant.parse("2026-11-24T09:00:00Z");

    private CartEvents() {}

    /** {@code quantity} units of the product went in, leaving {@code lineQuantity} on its line. */
    public static EventEnvelope added(CustomerId customer, long version, ProductId product, int quantity, int lineQuantity) {
        return envelope(version, new CartItemAdded(CartId.forCustomer(customer), customer, product, quantity, lineQuantity));
    }

    public static EventEnvelope removed(CustomerId customer, long version, ProductId product, int quantity, int lineQuantity) {
        return envelope(version, new CartItemRemoved(CartId.forCustomer(customer), customer, product, quantity, lineQuantity));
    }

    public static EventEnvelope cleared(CustomerId customer, long version) {
        return envelope(version, new CartCleared(CartId.forCustomer(customer), customer));
    }

    public static EventEnvelope checkedOut(CustomerId customer, long version, OrderId order) {
        return envelope(version, new CartCheckedOut(CartId.forCustomer(customer), customer, order));
    }

    public static Instant timeOf(long version) {
        return T0.plusSeconds(version);
    }

    public static EventEnvelope envelope(long version, CartEvent event) {
        return new EventEnvelope(UUID.randomUUID(), event.cartId().value(), EventTypes.CART_STREAM, version,
                2000 + version, timeOf(version), UUID.randomUUID(), UUID.randomUUID(), null, event);
    }
}
