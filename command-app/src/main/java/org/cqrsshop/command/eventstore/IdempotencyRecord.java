package org.cqrsshop.command.eventstore;

import java.util.Objects;
import java.util.function.Function;

/**
 * The idempotency key of a command, stored with its events.
 *
 * @param fingerprint a digest of the request, to tell a repeat from a different request with the same key
 * @param outcome the JSON result to store, made from what the append wrote
 */
public record IdempotencyRecord(String key, String operation, String fingerprint, Function<AppendResult, String> outcome) {

    public IdempotencyRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(outcome, "outcome");
    }
}
