package org.cqrsshop.command.product;

import java.util.Objects;
import java.util.Optional;
import org.cqrsshop.common.id.OrderId;
import org.cqrsshop.common.id.ProductId;
import org.cqrsshop.common.money.Money;

/** What can be asked of a product. Malformed commands cannot be built. */
public sealed interface ProductCommand {

    /** Stock never exceeds this, so that sums of stock and quantities stay far from overflow. */
    int MAX_STOCK = 1_000_000_000;
    int MAX_REASON_LENGTH = 500;

    ProductId productId();

    record CreateProduct(ProductId productId, ProductDetails details, int initialStock) implements ProductCommand {
        public CreateProduct {
            Objects.requireNonNull(productId, "productId");
            Objects.requireNonNull(details, "details");
            if (initialStock < 0 || initialStock > MAX_STOCK) {
                throw new IllegalArgumentException("initialStock must be between 0 and " + MAX_STOCK);
            }
        }
    }

    /** Changes some details; absent fields keep their current value. */
    record UpdateProduct(
            ProductId productId,
            Optional<String> sku,
            Optional<String> name,
            Optional<String> description,
            Optional<Money> price,
            Optional<String> category) implements ProductCommand {

        public UpdateProduct {
            Objects.requireNonNull(productId, "productId");
            Objects.requireNonNull(sku, "sku");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(price, "price");
            Objects.requireNonNull(category, "category");
            if (sku.isEmpty() && name.isEmpty() && description.isEmpty() && price.isEmpty() && category.isEmpty()) {
                throw new IllegalArgumentException("an update must change at least one field");
            }
            sku.ifPresent(ProductDetails::requireValidSku);
            name.ifPresent(ProductDetails::requireValidName);
            description.ifPresent(ProductDetails::requireValidDescription);
            price.ifPresent(ProductDetails::requireValidPrice);
            category.ifPresent(ProductDetails::requireValidCategory);
        }

        /** The details after this update; every present field was checked on construction. */
        ProductDetails applyTo(ProductDetails current) {
            return new ProductDetails(
                    sku.orElse(current.sku()),
                    name.orElse(current.name()),
                    description.orElse(current.description()),
                    price.orElse(current.price()),
                    category.orElse(current.category()));
        }
    }

    record DeleteProduct(ProductId productId) implements ProductCommand {
        public DeleteProduct {
            Objects.requireNonNull(productId, "productId");
        }
    }

    /** Counts stock in (positive delta) or out (negative), for deliveries, stocktakes and breakage. */
    record AdjustStock(ProductId productId, int delta, String reason) implements ProductCommand {
        public AdjustStock {
            Objects.requireNonNull(productId, "productId");
            Objects.requireNonNull(reason, "reason");
            if (delta == 0 || delta > MAX_STOCK || delta < -MAX_STOCK) {
                throw new IllegalArgumentException("delta must be non-zero and within " + MAX_STOCK + " either way");
            }
            if (reason.isBlank() || reason.length() > MAX_REASON_LENGTH) {
                throw new IllegalArgumentException("reason must be 1 to " + MAX_REASON_LENGTH + " characters");
            }
        }
    }

    /** Sets units aside for an order; part of placing it. */
    record ReserveStock(ProductId productId, OrderId orderId, int quantity) implements ProductCommand {
        public ReserveStock {
            Objects.requireNonNull(productId, "productId");
            Objects.requireNonNull(orderId, "orderId");
            if (quantity <= 0) {
                throw new IllegalArgumentException("a reservation takes a positive quantity");
            }
        }
    }

    /** Gives an order's reserved units back; part of cancelling it. */
    record ReleaseStock(ProductId productId, OrderId orderId, int quantity) implements ProductCommand {
        public ReleaseStock {
            Objects.requireNonNull(productId, "productId");
            Objects.requireNonNull(orderId, "orderId");
            if (quantity <= 0) {
                throw new IllegalArgumentException("a release gives back a positive quantity");
            }
        }
    }
}
