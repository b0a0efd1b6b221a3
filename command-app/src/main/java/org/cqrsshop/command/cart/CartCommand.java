package org.cqrsshop.command.cart;

import java.util.Objects;
import java.util.Optional;
import org.cqrsshop.command.product.Product;
import org.cqrsshop.common.id.CustomerId;
import org.cqrsshop.common.id.OrderId;
import org.cqrsshop.common.id.ProductId;

/** What a customer can do with their cart. Malformed commands cannot be built. */
public sealed interface CartCommand {

    /** Units of one product a cart line may hold. */
    int MAX_LINE_QUANTITY = 999;
    /** Distinct products a cart may hold. */
    int MAX_LINES = 100;

    CustomerId customerId();

    /**
     * @param product the product's current state, loaded by the caller: the cart takes only
     *     products that exist and are not deleted
     */
    record AddToCart(CustomerId customerId, ProductId productId, int quantity, Product product) implements CartCommand {
        public AddToCart {
            Objects.requireNonNull(customerId, "customerId");
            Objects.requireNonNull(productId, "productId");
            Objects.requireNonNull(product, "product");
            if (quantity < 1 || quantity > MAX_LINE_QUANTITY) {
                throw new IllegalArgumentException("quantity must be between 1 and " + MAX_LINE_QUANTITY);
            }
        }
    }

    /** Removes {@code quantity} units, or the whole line when the quantity is absent or larger. */
    record RemoveFromCart(CustomerId customerId, ProductId productId, Optional<Integer> quantity) implements CartCommand {
        public RemoveFromCart {
            Objects.requireNonNull(customerId, "customerId");
            Objects.requireNonNull(productId, "productId");
            Objects.requireNonNull(quantity, "quantity");
            if (quantity.isPresent() && quantity.get() < 1) {
                throw new IllegalArgumentException("quantity must be at least 1");
            }
        }
    }

    record ClearCart(CustomerId customerId) implements CartCommand {
        public ClearCart {
            Objects.requireNonNull(customerId, "customerId");
        }
    }

    /** Hands the cart's contents to a new order; part of placing it. */
    record CheckOut(CustomerId customerId, OrderId orderId) implements CartCommand {
        public CheckOut {
            Objects.requireNonNull(customerId, "customerId");
            Objects.requireNonNull(orderId, "orderId");
        }
    }
}
