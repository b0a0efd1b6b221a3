package org.cqrsshop.command.product;

import java.util.Objects;
import java.util.Optional;
import org.cqrsshop.common.id.ProductId;
import org.cqrsshop.common.money.Money;

/** What a client can ask of a product. Malformed commands cannot be built. */
public sealed interface ProductCommand {

    ProductId productId();

    record CreateProduct(ProductId productId, ProductDetails details, int stockQuantity) implements ProductCommand {
        public static final int MAX_STOCK = 1_000_000_000;

        public CreateProduct {
            Objects.requireNonNull(productId, "productId");
            Objects.requireNonNull(details, "details");
            if (stockQuantity < 0 || stockQuantity > MAX_STOCK) {
                throw new IllegalArgumentException("stockQuantity must be between 0 and " + MAX_STOCK);
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
}
