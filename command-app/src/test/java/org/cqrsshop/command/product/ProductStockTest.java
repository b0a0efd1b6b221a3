package org.cqrsshop.command.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cqrsshop.command.product.ProductFixtures.MUG;
import static org.cqrsshop.command.product.ProductFixtures.mugCreated;
import static org.cqrsshop.command.product.ProductFixtures.mugDeleted;

import java.util.List;
import org.cqrsshop.command.decider.ClaimChange;
import org.cqrsshop.command.decider.DeciderSpec;
import org.cqrsshop.command.product.ProductCommand.AdjustStock;
import org.cqrsshop.command.product.ProductCommand.ReleaseStock;
import org.cqrsshop.command.product.ProductCommand.ReserveStock;
import org.cqrsshop.common.error.ErrorCode;
import org.cqrsshop.common.event.product.ProductCreated;
import org.cqrsshop.common.event.product.ProductEvent;
import org.cqrsshop.common.event.product.ProductStockAdjusted;
import org.cqrsshop.common.event.product.ProductUpdated;
import org.cqrsshop.common.event.product.StockReleased;
import org.cqrsshop.common.event.product.StockReserved;
import org.cqrsshop.common.id.OrderId;
import org.cqrsshop.common.money.Money;
import org.junit.jupiter.api.Test;

/** Stock and SKU rules of the product: stock never goes below zero, a SKU belongs to one product. */
class ProductStockTest {

    private static final OrderId ORDER = OrderId.of("1f0c5a7e-2b3d-4e5f-8a9b-0c1d2e3f4a5b");

    private final DeciderSpec<ProductCommand, ProductEvent, Product> spec = DeciderSpec.of(ProductDecider.DECIDER);

    @Test
    void given_active_product_when_stock_counted_in_then_adjusted_with_the_stock_after() {
        spec.given(mugCreated()).when(new AdjustStock(MUG, 10, "delivery 4711"))
                .then(new ProductStockAdjusted(MUG, 10, 35, "delivery 4711"));
    }

    @Test
    void given_active_product_when_stock_counted_out_to_zero_then_adjusted() {
        spec.given(mugCreated()).when(new AdjustStock(MUG, -25, "stocktake"))
                .then(new ProductStockAdjusted(MUG, -25, 0, "stocktake"));
    }

    @Test
    void given_active_product_when_stock_counted_out_below_zero_then_insufficient_stock() {
        spec.given(mugCreated()).when(new AdjustStock(MUG, -26, "breakage"))
                .thenRejected(new ProductRejection.InsufficientStock(MUG, 26, 25));
    }

    @Test
    void given_active_product_when_stock_counted_in_past_the_limit_then_refused() {
        spec.given(mugCreated()).when(new AdjustStock(MUG, ProductCommand.MAX_STOCK, "typo"))
                .thenRejected(new ProductRejection.StockLimitExceeded(MUG, ProductCommand.MAX_STOCK));
    }

    @Test
    void given_no_product_when_stock_adjusted_then_not_found() {
        spec.given().when(new AdjustStock(MUG, 1, "delivery")).thenRejected(new ProductRejection.NotFound(MUG));
    }

    @Test
    void given_deleted_product_when_stock_adjusted_then_deleted() {
        spec.given(mugCreated(), mugDeleted()).when(new AdjustStock(MUG, 1, "delivery"))
                .thenRejected(new ProductRejection.AlreadyDeleted(MUG));
    }

    @Test
    void given_enough_stock_when_reserved_then_reserved_and_taken_off_the_stock() {
        spec.given(mugCreated()).when(new ReserveStock(MUG, ORDER, 25)).then(new StockReserved(MUG, ORDER, 25, 0));
    }

    @Test
    void given_too_little_stock_when_reserved_then_insufficient_stock() {
        spec.given(mugCreated(), new StockReserved(MUG, OrderId.random(), 20, 5)).when(new ReserveStock(MUG, ORDER, 6))
                .thenRejected(new ProductRejection.InsufficientStock(MUG, 6, 5));
    }

    @Test
    void given_deleted_product_when_reserved_then_deleted() {
        spec.given(mugCreated(), mugDeleted()).when(new ReserveStock(MUG, ORDER, 1))
                .thenRejected(new ProductRejection.AlreadyDeleted(MUG));
    }

    @Test
    void given_a_reservation_when_released_then_the_units_are_available_again() {
        spec.given(mugCreated(), new StockReserved(MUG, ORDER, 5, 20)).when(new ReleaseStock(MUG, ORDER, 5))
                .then(new StockReleased(MUG, ORDER, 5, 25));
    }

    @Test
    void stock_events_set_the_stock_the_next_decision_sees() {
        spec.given(mugCreated(), new ProductStockAdjusted(MUG, -20, 5, "stocktake"), new StockReserved(MUG, ORDER, 5, 0),
                        new StockReleased(MUG, ORDER, 2, 2))
                .when(new ReserveStock(MUG, OrderId.random(), 3))
                .thenRejected(new ProductRejection.InsufficientStock(MUG, 3, 2));
    }

    @Test
    void creating_a_product_claims_its_sku_case_insensitively() {
        assertThat(ProductDecider.skuClaims(new Product.Unknown(), List.of(mugCreated())))
                .containsExactly(new ClaimChange.Claim("sku", "MUG-001", MUG.value(), ErrorCode.DUPLICATE_SKU));
    }

    @Test
    void changing_the_sku_moves_the_claim_and_other_changes_leave_it() {
        Product active = ProductDecider.DECIDER.fold(List.of(mugCreated()));
        ProductUpdated newSku = new ProductUpdated(MUG, "CUP-7", "Cup", "", Money.of(1, "EUR"), "kitchen");
        ProductUpdated sameSkuOtherCase = new ProductUpdated(MUG, "mug-001", "Cup", "", Money.of(1, "EUR"), "kitchen");

        assertThat(ProductDecider.skuClaims(active, List.of(newSku))).containsExactly(
                new ClaimChange.Release("sku", "MUG-001", MUG.value()),
                new ClaimChange.Claim("sku", "CUP-7", MUG.value(), ErrorCode.DUPLICATE_SKU));
        assertThat(ProductDecider.skuClaims(active, List.of(sameSkuOtherCase))).isEmpty();
        assertThat(ProductDecider.skuClaims(active, List.of(new StockReserved(MUG, ORDER, 1, 24)))).isEmpty();
    }

    @Test
    void deleting_a_product_frees_its_sku() {
        Product active = ProductDecider.DECIDER.fold(List.of(mugCreated()));
        assertThat(ProductDecider.skuClaims(active, List.of(mugDeleted())))
                .containsExactly(new ClaimChange.Release("sku", "MUG-001", MUG.value()));
    }

    @Test
    void the_creation_event_carries_the_initial_stock() {
        ProductCreated created = mugCreated();
        assertThat(created.initialStock()).isEqualTo(25);
    }
}
