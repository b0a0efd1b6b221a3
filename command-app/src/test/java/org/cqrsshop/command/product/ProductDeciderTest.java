package org.cqrsshop.command.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cqrsshop.command.product.ProductFixtures.MUG;
import static org.cqrsshop.command.product.ProductFixtures.createMug;
import static org.cqrsshop.command.product.ProductFixtures.mugCreated;
import static org.cqrsshop.command.product.ProductFixtures.mugDeleted;
import static org.cqrsshop.command.product.ProductFixtures.renameMug;
import static org.cqrsshop.command.product.ProductFixtures.repriceMug;

import java.util.List;
import java.util.Optional;
import org.cqrsshop.command.decider.DeciderSpec;
import org.cqrsshop.command.product.ProductCommand.DeleteProduct;
import org.cqrsshop.command.product.ProductCommand.UpdateProduct;
import org.cqrsshop.common.event.product.ProductEvent;
import org.cqrsshop.common.event.product.ProductUpdated;
import org.cqrsshop.common.money.Money;
import org.junit.jupiter.api.Test;

class ProductDeciderTest {

    private final DeciderSpec<ProductCommand, ProductEvent, Product> spec = DeciderSpec.of(ProductDecider.DECIDER);

    @Test
    void given_no_product_when_create_then_created_with_its_details_and_stock() {
        spec.given().when(createMug()).then(mugCreated());
    }

    @Test
    void given_active_product_when_create_with_same_id_then_already_exists() {
        spec.given(mugCreated()).when(createMug()).thenRejected(new ProductRejection.AlreadyExists(MUG));
    }

    @Test
    void given_deleted_product_when_create_with_same_id_then_deleted() {
        spec.given(mugCreated(), mugDeleted()).when(createMug()).thenRejected(new ProductRejection.AlreadyDeleted(MUG));
    }

    @Test
    void given_no_product_when_update_then_not_found() {
        spec.given().when(renameMug("Cup")).thenRejected(new ProductRejection.NotFound(MUG));
    }

    @Test
    void given_active_product_when_update_then_updated_with_all_details_after_the_change() {
        spec.given(mugCreated()).when(repriceMug(Money.of(1499, "EUR"))).then(new ProductUpdated(
                MUG, "MUG-001", "Espresso mug", "Stoneware, 80 ml", Money.of(1499, "EUR"), "kitchen"));
    }

    @Test
    void given_updated_product_when_update_then_later_details_build_on_the_earlier_change() {
        ProductUpdated renamed = new ProductUpdated(
                MUG, "MUG-001", "Cup", "Stoneware, 80 ml", Money.of(1299, "EUR"), "kitchen");
        spec.given(mugCreated(), renamed).when(repriceMug(Money.of(999, "EUR"))).then(new ProductUpdated(
                MUG, "MUG-001", "Cup", "Stoneware, 80 ml", Money.of(999, "EUR"), "kitchen"));
    }

    @Test
    void given_active_product_when_update_changes_nothing_then_no_event() {
        spec.given(mugCreated()).when(renameMug("Espresso mug")).then();
    }

    @Test
    void given_deleted_product_when_update_then_deleted() {
        spec.given(mugCreated(), mugDeleted()).when(renameMug("Cup"))
                .thenRejected(new ProductRejection.AlreadyDeleted(MUG));
    }

    @Test
    void given_no_product_when_delete_then_not_found() {
        spec.given().when(new DeleteProduct(MUG)).thenRejected(new ProductRejection.NotFound(MUG));
    }

    @Test
    void given_active_product_when_delete_then_deleted_with_its_sku() {
        spec.given(mugCreated()).when(new DeleteProduct(MUG)).then(mugDeleted());
    }

    @Test
    void given_deleted_product_when_delete_then_deleted() {
        spec.given(mugCreated(), mugDeleted()).when(new DeleteProduct(MUG))
                .thenRejected(new ProductRejection.AlreadyDeleted(MUG));
    }

    @Test
    void an_update_that_changes_no_field_cannot_be_built() {
        assertThatThrownBy(() -> new UpdateProduct(MUG, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_update_to_a_negative_price_cannot_be_built() {
        assertThatThrownBy(() -> repriceMug(Money.of(-1, "EUR")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("price");
    }

    @Test
    void an_update_to_a_blank_name_cannot_be_built() {
        assertThatThrownBy(() -> renameMug("  ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_sku_with_spaces_is_not_a_sku() {
        assertThatThrownBy(() -> new ProductDetails("MUG 001", "n", "", Money.of(1, "EUR"), "c"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sku");
    }

    @Test
    void evolving_keeps_the_stock_when_details_change() {
        Product state = ProductDecider.DECIDER.fold(List.of(mugCreated(),
                new ProductUpdated(MUG, "MUG-002", "Cup", "", Money.of(1, "EUR"), "cups")));
        assertThat(state).isEqualTo(new Product.Active(MUG,
                new ProductDetails("MUG-002", "Cup", "", Money.of(1, "EUR"), "cups"), 25));
    }
}
