package org.cqrsshop.command.cart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cqrsshop.command.cart.CartCommand.AddToCart;
import org.cqrsshop.command.cart.CartCommand.CheckOut;
import org.cqrsshop.command.cart.CartCommand.ClearCart;
import org.cqrsshop.command.cart.CartCommand.RemoveFromCart;
import org.cqrsshop.command.decider.DeciderSpec;
import org.cqrsshop.command.product.Product;
import org.cqrsshop.command.product.ProductDetails;
import org.cqrsshop.command.product.ProductRejection;
import org.cqrsshop.common.event.cart.CartCheckedOut;
import org.cqrsshop.common.event.cart.CartCleared;
import org.cqrsshop.common.event.cart.CartEvent;
import org.cqrsshop.common.event.cart.CartItemAdded;
import org.cqrsshop.common.event.cart.CartItemRemoved;
import org.cqrsshop.common.id.CartId;
import org.cqrsshop.common.id.CustomerId;
import org.cqrsshop.common.id.OrderId;
import org.cqrsshop.common.id.ProductId;
import org.cqrsshop.common.money.Money;
import org.junit.jupiter.api.Test;

class CartDeciderTest {

    private static final CustomerId ADA = CustomerId.of("3c2b1a0f-9e8d-4c7b-a6f5-e4d3c2b1a0f9");
    private static final CartId CART = CartId.forCustomer(ADA);
    private static final ProductId MUG = ProductId.of("0b6a6c1e-6d0a-4f6e-8a7e-3c1d2b9f4e10");
    private static final Product ON_SALE = new Product.Active(MUG,
            new ProductDetails("MUG-001", "Mug", "", Money.of(1299, "EUR"), "kitchen"), 5);

    private final DeciderSpec<CartCommand, CartEvent, Cart> spec = DeciderSpec.of(CartDecider.DECIDER);

    @Test
    void given_empty_cart_when_a_product_on_sale_is_added_then_its_line_holds_the_quantity() {
        spec.given().when(new AddToCart(ADA, MUG, 2, ON_SALE)).then(new CartItemAdded(CART, ADA, MUG, 2, 2));
    }

    @Test
    void given_a_line_when_the_same_product_is_added_then_the_line_grows() {
        spec.given(added(2)).when(new AddToCart(ADA, MUG, 3, ON_SALE)).then(new CartItemAdded(CART, ADA, MUG, 3, 5));
    }

    @Test
    void given_any_cart_when_a_product_that_does_not_exist_is_added_then_not_found() {
        spec.given().when(new AddToCart(ADA, MUG, 1, new Product.Unknown())).thenRejected(new ProductRejection.NotFound(MUG));
    }

    @Test
    void given_any_cart_when_a_deleted_product_is_added_then_deleted() {
        spec.given().when(new AddToCart(ADA, MUG, 1, new Product.Deleted(MUG, "MUG-001")))
                .thenRejected(new ProductRejection.AlreadyDeleted(MUG));
    }

    @Test
    void given_a_full_line_when_more_is_added_then_refused() {
        spec.given(added(CartCommand.MAX_LINE_QUANTITY)).when(new AddToCart(ADA, MUG, 1, ON_SALE))
                .thenRejected(new CartRejection.LineLimitExceeded(MUG, CartCommand.MAX_LINE_QUANTITY));
    }

    @Test
    void given_a_cart_of_the_most_products_when_another_is_added_then_refused() {
        List<CartEvent> full = new ArrayList<>();
        for (int i = 0; i < CartCommand.MAX_LINES; i++) {
            full.add(new CartItemAdded(CART, ADA, ProductId.random(), 1, 1));
        }
        spec.given(full.toArray(CartEvent[]::new)).when(new AddToCart(ADA, MUG, 1, ON_SALE))
                .thenRejected(new CartRejection.TooManyLines(CartCommand.MAX_LINES));
    }

    @Test
    void quantities_out_of_bounds_cannot_be_asked_for() {
        assertThatThrownBy(() -> new AddToCart(ADA, MUG, 0, ON_SALE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AddToCart(ADA, MUG, 1000, ON_SALE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RemoveFromCart(ADA, MUG, Optional.of(0))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void given_a_line_when_some_units_are_removed_then_the_rest_stays() {
        spec.given(added(5)).when(new RemoveFromCart(ADA, MUG, Optional.of(2))).then(new CartItemRemoved(CART, ADA, MUG, 2, 3));
    }

    @Test
    void given_a_line_when_removed_without_a_quantity_then_the_whole_line_goes() {
        spec.given(added(5)).when(new RemoveFromCart(ADA, MUG, Optional.empty())).then(new CartItemRemoved(CART, ADA, MUG, 5, 0));
    }

    @Test
    void given_a_line_when_more_than_it_holds_is_removed_then_the_line_goes() {
        spec.given(added(2)).when(new RemoveFromCart(ADA, MUG, Optional.of(9))).then(new CartItemRemoved(CART, ADA, MUG, 2, 0));
    }

    @Test
    void given_no_line_for_the_product_when_removed_then_not_in_cart() {
        spec.given().when(new RemoveFromCart(ADA, MUG, Optional.empty())).thenRejected(new CartRejection.ItemNotInCart(MUG));
    }

    @Test
    void given_a_filled_cart_when_cleared_then_cleared() {
        spec.given(added(2)).when(new ClearCart(ADA)).then(new CartCleared(CART, ADA));
    }

    @Test
    void given_an_empty_cart_when_cleared_then_nothing_happens() {
        spec.given(added(2), new CartCleared(CART, ADA)).when(new ClearCart(ADA)).then();
    }

    @Test
    void given_a_filled_cart_when_checked_out_then_checked_out_to_the_order() {
        OrderId order = OrderId.random();
        spec.given(added(2)).when(new CheckOut(ADA, order)).then(new CartCheckedOut(CART, ADA, order));
    }

    @Test
    void given_an_empty_cart_when_checked_out_then_cart_empty() {
        spec.given().when(new CheckOut(ADA, OrderId.random())).thenRejected(new CartRejection.CartEmpty());
    }

    @Test
    void a_checked_out_cart_is_empty_for_the_next_purchase() {
        Cart cart = CartDecider.DECIDER.fold(List.of(added(2), new CartCheckedOut(CART, ADA, OrderId.random())));
        assertThat(cart.lines()).isEmpty();
        assertThat(CartDecider.DECIDER.fold(List.of(added(2), new CartItemRemoved(CART, ADA, MUG, 1, 1))).lines())
                .isEqualTo(Map.of(MUG, 1));
    }

    private static CartItemAdded added(int quantity) {
        return new CartItemAdded(CART, ADA, MUG, quantity, quantity);
    }
}
