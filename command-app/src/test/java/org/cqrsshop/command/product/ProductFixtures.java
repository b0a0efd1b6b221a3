package org.cqrsshop.command.product;

import java.util.Optional;
import org.cqrsshop.command.product.ProductCommand.CreateProduct;
import org.cqrsshop.command.product.ProductCommand.UpdateProduct;
import org.cqrsshop.common.event.product.ProductCreated;
import org.cqrsshop.common.event.product.ProductDeleted;
import org.cqrsshop.common.id.ProductId;
import org.cqrsshop.common.money.Money;

/** A small catalogue to write product rules against. */
final class ProductFixtures {

    static final ProductId MUG = ProductId.of("0b6a6c1e-6d0a-4f6e-8a7e-3c1d2b9f4e10");
    static final ProductDetails MUG_DETAILS =
            new ProductDetails("MUG-001", "Espresso mug", "Stoneware, 80 ml", Money.of(1299, "EUR"), "kitchen");

    private ProductFixtures() {}

    static CreateProduct createMug() {
        return new CreateProduct(MUG, MUG_DETAILS, 25);
    }

    static ProductCreated mugCreated() {
        return new ProductCreated(MUG, "MUG-001", "Espresso mug", "Stoneware, 80 ml", Money.of(1299, "EUR"), "kitchen", 25);
    }

    static ProductDeleted mugDeleted() {
        return new ProductDeleted(MUG, "MUG-001");
    }

    static UpdateProduct renameMug(String name) {
        return new UpdateProduct(MUG, Optional.empty(), Optional.of(name), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    static UpdateProduct repriceMug(Money price) {
        return new UpdateProduct(MUG, Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(price),
                Optional.empty());
    }
}
