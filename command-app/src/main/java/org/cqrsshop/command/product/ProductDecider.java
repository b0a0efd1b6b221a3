package org.cqrsshop.command.product;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cqrsshop.command.decider.ClaimChange;
import org.cqrsshop.command.decider.Decider;
import org.cqrsshop.command.decider.Decision;
import org.cqrsshop.command.product.Product.Active;
import org.cqrsshop.command.product.Product.Deleted;
import org.cqrsshop.command.product.Product.Unknown;
import org.cqrsshop.command.product.ProductCommand.AdjustStock;
import org.cqrsshop.command.product.ProductCommand.CreateProduct;
import org.cqrsshop.command.product.ProductCommand.DeleteProduct;
import org.cqrsshop.command.product.ProductCommand.ReleaseStock;
import org.cqrsshop.command.product.ProductCommand.ReserveStock;
import org.cqrsshop.command.product.ProductCommand.UpdateProduct;
import org.cqrsshop.common.error.ErrorCode;
import org.cqrsshop.common.event.EventTypes;
import org.cqrsshop.common.event.product.ProductCreated;
import org.cqrsshop.common.event.product.ProductDeleted;
import org.cqrsshop.common.event.product.ProductEvent;
import org.cqrsshop.common.event.product.ProductStockAdjusted;
import org.cqrsshop.common.event.product.ProductUpdated;
import org.cqrsshop.common.event.product.StockReleased;
import org.cqrsshop.common.event.product.StockReserved;

/**
 * The product aggregate's rules, as pure functions. Dispatch uses {@code instanceof} chains
 * because the code targets Java 17, where {@code switch} cannot match on sealed types; each chain
 * ends in an exception that the decider tests would hit for a type left out.
 */
public final class ProductDecider {

    /** The claim scope of SKUs; values are compared without regard to case. */
    public static final String SKU_SCOPE = "sku";

    public static final Decider<ProductCommand, ProductEvent, Product> DECIDER = Decider
            .of(EventTypes.PRODUCT_STREAM, ProductEvent.class, initial(), ProductDecider::evolve, ProductDecider::decide)
            .withClaims(ProductDecider::skuClaims);

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
        if (command instanceof AdjustStock adjust) {
            return adjust(adjust, active);
        }
        if (command instanceof ReserveStock reserve) {
            if (reserve.quantity() > active.stock()) {
                return Decision.reject(
                        new ProductRejection.InsufficientStock(active.id(), reserve.quantity(), active.stock()));
            }
            return Decision.accept(new StockReserved(
                    active.id(), reserve.orderId(), reserve.quantity(), active.stock() - reserve.quantity()));
        }
        if (command instanceof ReleaseStock release) {
            if (active.stock() > ProductCommand.MAX_STOCK - release.quantity()) {
                return Decision.reject(new ProductRejection.StockLimitExceeded(active.id(), ProductCommand.MAX_STOCK));
            }
            return Decision.accept(new StockReleased(
                    active.id(), release.orderId(), release.quantity(), active.stock() + release.quantity()));
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
                details.price(), details.category(), create.initialStock()));
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

    private static Decision<ProductEvent> adjust(AdjustStock adjust, Active active) {
        long after = (long) active.stock() + adjust.delta();
        if (after < 0) {
            return Decision.reject(new ProductRejection.InsufficientStock(active.id(), -adjust.delta(), active.stock()));
        }
        if (after > ProductCommand.MAX_STOCK) {
            return Decision.reject(new ProductRejection.StockLimitExceeded(active.id(), ProductCommand.MAX_STOCK));
        }
        return Decision.accept(new ProductStockAdjusted(active.id(), adjust.delta(), (int) after, adjust.reason()));
    }

    public static Product evolve(Product state, ProductEvent event) {
        if (event instanceof ProductCreated created) {
            return new Active(
                    created.productId(),
                    new ProductDetails(created.sku(), created.name(), created.description(),
                            created.price(), created.category()),
                    created.initialStock());
        }
        if (event instanceof ProductDeleted deleted) {
            return new Deleted(deleted.productId(), deleted.sku());
        }
        if (!(state instanceof Active active)) {
            throw new IllegalStateException(
                    event.getClass().getSimpleName() + " cannot follow " + state.getClass().getSimpleName());
        }
        if (event instanceof ProductUpdated updated) {
            return new Active(active.id(),
                    new ProductDetails(updated.sku(), updated.name(), updated.description(),
                            updated.price(), updated.category()),
                    active.stock());
        }
        if (event instanceof ProductStockAdjusted adjusted) {
            return new Active(active.id(), active.details(), adjusted.stockAfter());
        }
        if (event instanceof StockReserved reserved) {
            return new Active(active.id(), active.details(), reserved.stockAfter());
        }
        if (event instanceof StockReleased released) {
            return new Active(active.id(), active.details(), released.stockAfter());
        }
        throw new IllegalArgumentException("unhandled event " + event.getClass().getName());
    }

    /** A SKU belongs to one product: creation claims it, a change of SKU moves it, deletion frees it. */
    static List<ClaimChange> skuClaims(Product before, List<ProductEvent> events) {
        List<ClaimChange> changes = new ArrayList<>();
        String held = before instanceof Active active ? active.details().sku() : null;
        for (ProductEvent event : events) {
            String next = held;
            if (event instanceof ProductCreated created) {
                next = created.sku();
            } else if (event instanceof ProductUpdated updated) {
                next = updated.sku();
            } else if (event instanceof ProductDeleted) {
                next = null;
            }
            if (!sameSku(held, next)) {
                if (held != null) {
                    changes.add(new ClaimChange.Release(SKU_SCOPE, skuKey(held), event.productId().value()));
                }
                if (next != null) {
                    changes.add(new ClaimChange.Claim(SKU_SCOPE, skuKey(next), event.productId().value(),
                            ErrorCode.DUPLICATE_SKU));
                }
            }
            held = next;
        }
        return changes;
    }

    private static boolean sameSku(String left, String right) {
        return left == null ? right == null : right != null && skuKey(left).equals(skuKey(right));
    }

    private static String skuKey(String sku) {
        return sku.toUpperCase(Locale.ROOT);
    }
}
