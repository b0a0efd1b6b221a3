package org.cqrsshop.common.event.cart;

import java.util.Objects;
import org.cqrsshop.common.id.CartId;
import org.cqrsshop.common.id.CustomerId;
import org.cqrsshop.common.id.OrderId;

/** The cart's contents became an order; the cart is empty again afterwards. */
public record CartCheckedOut(CartId cartId, CustomerId customerId, OrderId orderId) implements CartEvent {

    public CartCheckedOut {
        Objects.requireNonNull(cartId, "cartId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(orderId, "orderId");
    }
}
