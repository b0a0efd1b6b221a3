package org.cqrsshop.common.event.cart;

import java.util.Objects;
import org.cqrsshop.common.id.CartId;
import org.cqrsshop.common.id.CustomerId;
import org.cqrsshop.common.id.ProductId;

/** Units of a product went into the cart; {@code lineQuantity} is the line's quantity afterwards. */
public record CartItemAdded(CartId cartId, CustomerId customerId, ProductId productId, int quantity, int lineQuantity)
        implements CartEvent {

    public CartItemAdded {
        Objects.requireNonNull(cartId, "cartId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(productId, "productId");
        if (quantity <= 0 || lineQuantity < quantity) {
            throw new IllegalArgumentException("an addition is positive and part of its line");
        }
    }
}
