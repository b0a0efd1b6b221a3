package org.cqrsshop.command.product;

import org.cqrsshop.command.decider.Decider;
import org.cqrsshop.command.decider.Decision;
import org.cqrsshop.command.product.Product.Active;
import org.cqrsshop.command.product.Product.Deleted;
import org.cqrsshop.command.product.Product.Unknown;
import org.cqrsshop.command.product.ProductCommand.CreateProduct;
import org.cqrsshop.command.product.ProductCommand.DeleteProduct;
import org.cqrsshop.command.product.ProductCommand.UpdateProduct;
import org.cqrsshop.common.event.EventTypes;
import org.cqrsshop.common.event.product.ProductCreated;
import org.cqrsshop.common.event.product.ProductDeleted;
import org.cqrsshop.common.event.product.ProductEvent;
import org.cqrsshop.common.event.product.ProductUpdated;

/**
 * The product aggregate's rules, as pure functions. Dispatch uses {@code instanceof} chains
 * because the code targets Java 17, where {@code switch} cannot match on sealed types; each chain
 * ends in an exception that the decider tests would hit for a type left out.
 */
public final class ProductDecider {

    public static final Decider<ProductCommand, ProductEvent, Product> DECIDER = new Decider<>(
            EventTypes.PRODUCT_STREAM, ProductEvent.class, initial(), ProductDecider::evolve, ProductDecider::decide);

    private ProductDecider() {}

    public static Product initial() {
        return new Unknown();
    }

    public static Decision<ProductEvent> decide(ProductCommand command, Product state) {
        if (state instanceof Deleted) {
            return Decision.reject(new ProductRejection.AlreadyDeleted(command.productId()));
        }
        if (command instanceof CreateProduct create) {
            return create(create, state);
        }
        if (state instanceof Unknown) {
            return Decision.reject(new ProductRejection.NotFound(command.productId()));
        }
        Active active = (Active) state;
        if (command instanceof UpdateProduct update) {
            return update(update, active);
        }
        if (command instanceof DeleteProduct) {
            return Decision.accept(new ProductDeleted(active.id(), active.details().sku()));
        }
        throw new IllegalArgumentException("unhandled command " + command.getClass().getName());
    }

    private static Decision<ProductEvent> create(CreateProduct create, Product state) {
        if (!(state instanceof Unknown)) {
            return Decision.reject(new ProductRejection.AlreadyExists(create.productId()));
        }
        ProductDetails details = create.details();
        return Decision.accept(new ProductCreated(
                create.productId(), details.sku(), details.name(), details.description(),
                details.price(), details.category(), create.stockQuantity()));
    }

    private static Decision<ProductEvent> update(UpdateProduct update, Active active) {
        ProductDetails next = update.applyTo(active.details());
        if (next.equals(active.details())) {
            // Repeating an update is harmless: nothing changed, so nothing is recorded.
            return Decision.accept();
        }
        return Decision.accept(new ProductUpdated(
                active.id(), next.sku(), next.name(), next.description(), next.price(), next.category()));
    }

    public static Product evolve(Product state, ProductEvent event) {
        if (event instanceof ProductCreated created) {
            return new Active(
                    created.productId(),
                    new ProductDetails(created.sku(), created.name(), created.description(),
                            created.price(), created.category()),
                    created.stockQuantity());
        }
        if (event instanceof ProductUpdated updated && state instanceof Active active) {
            return new Active(
                    active.id(),
                    new ProductDetails(updated.sku(), updated.name(), updated.description(),
                            updated.price(), updated.category()),
                    active.stockQuantity());
        }
        if (event instanceof ProductDeleted deleted) {
            return new Deleted(deleted.productId());
        }
        throw new IllegalStateException(
                event.getClass().getSimpleName() + " cannot follow " + state.getClass().getSimpleName());
    }
}
