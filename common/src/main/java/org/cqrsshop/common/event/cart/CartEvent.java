package org.cqrsshop.common.event.cart;

import org.cqrsshop.common.event.DomainEvent;
import org.cqrsshop.common.id.CartId;
import org.cqrsshop.common.id.CustomerId;

/** Everything that can happen to a customer's cart. */
public sealed interface CartEvent extends DomainEvent
        permits CartItemAdded, CartItemRemoved, CartCleared, CartCheckedOut {

    CartId cartId();

    CustomerId customerId();
}
