package org.cqrsshop.command.cart;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cqrsshop.common.id.ProductId;

/**
 * A customer's cart: how many units of which products, in the order they were first added. A
 * cart is never closed; checking out empties it for the next purchase.
 */
public record Cart(Map<ProductId, Integer> lines) {

    public static final Cart EMPTY = new Cart(Map.of());

    public Cart {
        lines = Collections.unmodifiableMap(new LinkedHashMap<>(lines));
    }

    public int quantityOf(ProductId product) {
        return lines.getOrDefault(product, 0);
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }

    Cart withLine(ProductId product, int quantity) {
        Map<ProductId, Integer> next = new LinkedHashMap<>(lines);
        if (quantity == 0) {
            next.remove(product);
        } else {
            next.put(product, quantity);
        }
        return new Cart(next);
    }
}
