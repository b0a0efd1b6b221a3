package org.cqrsshop.common.event.order;

import java.util.Objects;
import org.cqrsshop.common.id.ProductId;
import org.cqrsshop.common.money.Money;

/**
 * One product in an order, with the SKU, name and unit price the product had when the order was
 * placed: later catalogue changes never change what the customer bought.
 */
public record OrderLine(ProductId productId, String sku, String name, int quantity, Money unitPrice, Money lineTotal) {

    public OrderLine {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unitPrice, "unitPrice");
        Objects.requireNonNull(lineTotal, "lineTotal");
        if (quantity <= 0) {
            throw new IllegalArgumentException("an order line has a positive quantity");
        }
        if (!lineTotal.equals(unitPrice.times(quantity))) {
            throw new IllegalArgumentException("lineTotal must be unitPrice times quantity");
        }
    }
}
