package org.cqrsshop.common.id;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * Identity of a customer's cart, and of its event stream. Each customer has exactly one cart, so
 * its id is derived from the customer's: a name-based UUID in a namespace of its own, which can
 * never equal the customer's id or any random id.
 */
public record CartId(UUID value) {

    public CartId {
        Objects.requireNonNull(value, "cart id");
    }

    public static CartId of(String value) {
        return new CartId(UUID.fromString(value));
    }

    public static CartId forCustomer(CustomerId customer) {
        return new CartId(UUID.nameUUIDFromBytes(("cqrs-shop:cart:" + customer.value()).getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
