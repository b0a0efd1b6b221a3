package org.cqrsshop.common.id;

import java.util.Objects;
import java.util.UUID;

/** Identity of a product, and of the event stream that records it. */
public record ProductId(UUID value) {

    public ProductId {
        Objects.requireNonNull(value, "product id");
    }

    public static ProductId of(String value) {
        return new ProductId(UUID.fromString(value));
    }

    public static ProductId random() {
        return new ProductId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
