package org.cqrsshop.command.decider;

import java.util.Objects;
import java.util.UUID;
import org.cqrsshop.common.error.ErrorCode;

/**
 * A value that must be unique across all streams of a kind (a product's SKU), taken or given up
 * by the events of one stream. A stream cannot see the others, so its decider cannot check this;
 * the event store applies the change in the same transaction as the events, and refuses the whole
 * append when the value is taken.
 */
public sealed interface ClaimChange {

    String scope();

    String value();

    UUID owner();

    /** Takes {@code value}; an append that claims a value owned by another stream fails with {@code codeWhenTaken}. */
    record Claim(String scope, String value, UUID owner, ErrorCode codeWhenTaken) implements ClaimChange {
        public Claim {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(codeWhenTaken, "codeWhenTaken");
        }
    }

    /** Gives {@code value} up, so that another stream may claim it. */
    record Release(String scope, String value, UUID owner) implements ClaimChange {
        public Release {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(owner, "owner");
        }
    }
}
