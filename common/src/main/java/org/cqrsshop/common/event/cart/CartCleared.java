package org.cqrsshop.common.event.cart;

import java.util.Objects;
import org.cqrsshop.common.id.CartId;
import org.cqrsshop.common.id.CustomerId;

/** The customer emptied the cart. */
public record CartCleared(CartId cartId, CustomerId customerId) implements CartEvent {

    public CartCleared {
        Objects.requireNonNull(cartId, "cartId");
        Objects.requireNonNull(customerId, "customerId");
    }
}
