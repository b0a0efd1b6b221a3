package org.cqrsshop.query.cart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.cqrsshop.query.cart.CartEvents.added;
import static org.cqrsshop.query.cart.CartEvents.checkedOut;
import static org.cqrsshop.query.cart.CartEvents.cleared;
import static org.cqrsshop.query.cart.CartEvents.removed;
import static org.cqrsshop.query.cart.CartEvents.timeOf;

import java.util.List;
import org.cqrsshop.common.event.EventEnvelope;
import org.cqrsshop.common.id.CartId;
import org.cqrsshop.common.id.CustomerId;
import org.cqrsshop.common.id.OrderId;
import org.cqrsshop.common.id.ProductId;
import org.cqrsshop.query.projection.Projections;
import org.junit.jupiter.api.Test;

class CartProjectionTest {

    private final CustomerId ada = CustomerId.random();
    private final ProductId mug = ProductId.random();
    private final ProductId tea = ProductId.random();

    @Test
    void lines_take_the_quantity_the_event_states_in_the_order_they_were_first_added() {
        CartView cart = fold(
                added(ada, 1, mug, 2, 2),
                added(ada, 2, tea, 1, 1),
                added(ada, 3, mug, 3, 5));

        assertThat(cart.id).isEqualTo(CartId.forCustomer(ada).toString());
        assertThat(cart.customerId).isEqualTo(ada.toString());
        assertThat(cart.lines).extracting(line -> line.productId, line -> line.quantity)
                .containsExactly(tuple(mug.toString(), 5),
                        tuple(tea.toString(), 1));
        assertThat(cart.itemCount).isEqualTo(6);
        assertThat(cart.createdAt).isEqualTo(timeOf(1));
        assertThat(cart.updatedAt).isEqualTo(timeOf(3));
        assertThat(cart.version).isEqualTo(3);
    }

    @Test
    void a_removal_to_zero_drops_the_line_and_a_partial_one_lowers_it() {
        CartView cart = fold(
                added(ada, 1, mug, 2, 2),
                added(ada, 2, tea, 3, 3),
                removed(ada, 3, mug, 2, 0),
                removed(ada, 4, tea, 1, 2));

        assertThat(cart.lines).hasSize(1);
        assertThat(cart.lines.get(0).productId).isEqualTo(tea.toString());
        assertThat(cart.lines.get(0).quantity).isEqualTo(2);
        assertThat(cart.itemCount).isEqualTo(2);
    }

    @Test
    void clearing_or_checking_out_empties_the_cart_and_checkout_remembers_the_order() {
        OrderId order = OrderId.random();
        CartView cleared = fold(added(ada, 1, mug, 2, 2), cleared(ada, 2));
        CartView checkedOut = fold(added(ada, 1, mug, 2, 2), checkedOut(ada, 2, order), added(ada, 3, tea, 1, 1));

        assertThat(cleared.lines).isEmpty();
        assertThat(cleared.itemCount).isZero();
        assertThat(cleared.lastOrderId).isNull();
        assertThat(checkedOut.lastOrderId).isEqualTo(order.toString());
        assertThat(checkedOut.lines).extracting(line -> line.productId).containsExactly(tea.toString());
    }

    @Test
    void evolving_never_changes_the_view_it_started_from() {
        CartView before = fold(added(ada, 1, mug, 2, 2));

        CartProjection.INSTANCE.evolve(before, added(ada, 2, mug, 1, 3));

        assertThat(before.lines.get(0).quantity).isEqualTo(2);
        assertThat(before.itemCount).isEqualTo(2);
    }

    private static CartView fold(EventEnvelope... events) {
        return Projections.fold(CartProjection.INSTANCE, List.of(events));
    }
}
