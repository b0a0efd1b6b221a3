package org.cqrsshop.common.event.cart;

import java.util.Objects;
import org.cqrsshop.common.id.CartId;
import org.cqrsshop.common.id.CustomerId;
import org.cqrsshop.common.id.ProductId;

/** Units of a product left the cart; a {@code lineQuantity} of 0 means the line is gone. */
public record CartItemRemoved(CartId cartId, CustomerId customerId, ProductId productId, int quantity, int lineQuantity)
        implements CartEvent {

    public CartItemRemoved {
        Objects.requireNonNull(cartId, "cartId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(productId, "productId");
        if (quantity <= 0 || lineQuantity < 0) {
            throw new IllegalArgumentException("a removal is positive and leaves zero or more");
        }
    }
}
