package org.cqrsshop.command.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cqrsshop.command.order.OrderFixtures.ADA;
import static org.cqrsshop.command.order.OrderFixtures.HOME;
import static org.cqrsshop.command.order.OrderFixtures.ORDER;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cqrsshop.command.cart.Cart;
import org.cqrsshop.command.cart.CartRejection;
import org.cqrsshop.command.decider.StreamChange;
import org.cqrsshop.command.decider.Verdict;
import org.cqrsshop.command.order.OrderPlacement.CreateOrder;
import org.cqrsshop.command.order.OrderPlacement.RequestedLine;
import org.cqrsshop.command.product.Product;
import org.cqrsshop.command.product.ProductDetails;
import org.cqrsshop.command.product.ProductRejection;
import org.cqrsshop.common.event.EventTypes;
import org.cqrsshop.common.event.cart.CartCheckedOut;
import org.cqrsshop.common.event.order.OrderLine;
import org.cqrsshop.common.event.order.OrderPlaced;
import org.cqrsshop.common.event.product.StockReserved;
import org.cqrsshop.common.id.CartId;
import org.cqrsshop.common.id.ProductId;
import org.cqrsshop.common.money.Money;
import org.junit.jupiter.api.Test;

/** Placing an order: prices captured, every product reserved, the cart checked out; all or nothing. */
class OrderPlacementTest {

    private static final ProductId MUG = ProductId.of("0b6a6c1e-6d0a-4f6e-8a7e-3c1d2b9f4e10");
    private static final ProductId JUG = ProductId.of("5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2c1b");
    private static final Product MUGS = active(MUG, "MUG-001", "Mug", 1299, 10);
    private static final Product JUGS = active(JUG, "JUG-001", "Jug", 2500, 1);

    @Test
    void given_products_in_stock_when_ordered_then_placed_at_their_prices_and_each_product_reserved() {
        Verdict<List<StreamChange>> verdict = place(
                order(List.of(new RequestedLine(MUG, 2), new RequestedLine(JUG, 1)), false),
                new Order.None(), Cart.EMPTY, Map.of(MUG, MUGS, JUG, JUGS));

        assertThat(changes(verdict)).containsExactly(
                new StreamChange(EventTypes.ORDER_STREAM, ORDER.value(), List.of(new OrderPlaced(ORDER, "CS-1", ADA, List.of(
                        new OrderLine(MUG, "MUG-001", "Mug", 2, Money.of(1299, "EUR"), Money.of(2598, "EUR")),
                        new OrderLine(JUG, "JUG-001", "Jug", 1, Money.of(2500, "EUR"), Money.of(2500, "EUR"))),
                        Money.of(5098, "EUR"), HOME, false))),
                new StreamChange(EventTypes.PRODUCT_STREAM, MUG.value(), List.of(new StockReserved(MUG, ORDER, 2, 8))),
                new StreamChange(EventTypes.PRODUCT_STREAM, JUG.value(), List.of(new StockReserved(JUG, ORDER, 1, 0))));
    }

    @Test
    void given_one_product_short_of_stock_when_ordered_then_insufficient_stock_and_nothing_is_decided() {
        Verdict<List<StreamChange>> verdict = place(
                order(List.of(new RequestedLine(MUG, 2), new RequestedLine(JUG, 2)), false),
                new Order.None(), Cart.EMPTY, Map.of(MUG, MUGS, JUG, JUGS));

        assertThat(verdict).isEqualTo(Verdict.refuse(new ProductRejection.InsufficientStock(JUG, 2, 1)));
    }

    @Test
    void given_a_deleted_product_when_ordered_then_deleted() {
        Verdict<List<StreamChange>> verdict = place(order(List.of(new RequestedLine(MUG, 1)), false),
                new Order.None(), Cart.EMPTY, Map.of(MUG, new Product.Deleted(MUG, "MUG-001")));

        assertThat(verdict).isEqualTo(Verdict.refuse(new ProductRejection.AlreadyDeleted(MUG)));
    }

    @Test
    void given_an_unknown_product_when_ordered_then_not_found() {
        Verdict<List<StreamChange>> verdict = place(order(List.of(new RequestedLine(MUG, 1)), false),
                new Order.None(), Cart.EMPTY, Map.of());

        assertThat(verdict).isEqualTo(Verdict.refuse(new ProductRejection.NotFound(MUG)));
    }

    @Test
    void given_a_filled_cart_when_ordered_from_it_then_its_lines_are_ordered_and_it_is_checked_out() {
        Cart cart = new Cart(Map.of(MUG, 3));
        Verdict<List<StreamChange>> verdict = place(order(List.of(), true), new Order.None(), cart,
                Map.of(MUG, MUGS));

        List<StreamChange> changes = changes(verdict);
        assertThat(((OrderPlaced) changes.get(0).events().get(0)).lines()).extracting(OrderLine::quantity).containsExactly(3);
        assertThat(((OrderPlaced) changes.get(0).events().get(0)).fromCart()).isTrue();
        assertThat(changes.get(changes.size() - 1)).isEqualTo(new StreamChange(EventTypes.CART_STREAM,
                CartId.forCustomer(ADA).value(), List.of(new CartCheckedOut(CartId.forCustomer(ADA), ADA, ORDER))));
    }

    @Test
    void given_an_empty_cart_when_ordered_from_it_then_cart_empty() {
        Verdict<List<StreamChange>> verdict = place(order(List.of(), true), new Order.None(), Cart.EMPTY, Map.of());

        assertThat(verdict).isEqualTo(Verdict.refuse(new CartRejection.CartEmpty()));
        assertThat(OrderPlacement.productsNeeded(order(List.of(), true), new Cart(Map.of(MUG, 1)))).containsExactly(MUG);
    }

    @Test
    void given_an_existing_order_when_ordered_again_then_already_exists() {
        Order existing = OrderDecider.DECIDER.fold(List.of(OrderFixtures.placed()));
        Verdict<List<StreamChange>> verdict = place(order(List.of(new RequestedLine(MUG, 1)), false),
                existing, Cart.EMPTY, Map.of(MUG, MUGS));

        assertThat(verdict).isEqualTo(Verdict.refuse(new OrderRejection.AlreadyExists(ORDER)));
    }

    @Test
    void lines_for_the_same_product_are_merged_so_it_is_reserved_once() {
        CreateOrder order = order(List.of(new RequestedLine(MUG, 2), new RequestedLine(MUG, 3)), false);

        assertThat(order.lines()).containsExactly(new RequestedLine(MUG, 5));
        assertThat(changes(place(order, new Order.None(), Cart.EMPTY, Map.of(MUG, MUGS))))
                .filteredOn(change -> change.streamType().equals(EventTypes.PRODUCT_STREAM))
                .containsExactly(new StreamChange(EventTypes.PRODUCT_STREAM, MUG.value(),
                        List.of(new StockReserved(MUG, ORDER, 5, 5))));
    }

    @Test
    void an_order_needs_lines_or_the_cart_but_not_both() {
        assertThatThrownBy(() -> order(List.of(), false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> order(List.of(new RequestedLine(MUG, 1)), true)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Verdict<List<StreamChange>> place(
            CreateOrder order, Order existing, Cart cart, Map<ProductId, Product> products) {
        return OrderPlacement.decide(order, "CS-1", existing, cart, products);
    }

    private static CreateOrder order(List<RequestedLine> lines, boolean fromCart) {
        return new CreateOrder(ORDER, ADA, HOME, lines, fromCart, Optional.empty());
    }

    private static Product active(ProductId id, String sku, String name, long price, int stock) {
        return new Product.Active(id, new ProductDetails(sku, name, "", Money.of(price, "EUR"), "kitchen"), stock);
    }

    private static List<StreamChange> changes(Verdict<List<StreamChange>> verdict) {
        assertThat(verdict).isInstanceOf(Verdict.Allowed.class);
        return ((Verdict.Allowed<List<StreamChange>>) verdict).value();
    }
}
