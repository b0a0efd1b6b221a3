package org.cqrsshop.command.eventstore;

/**
 * Another request with the same idempotency key committed while this one ran; this one wrote
 * nothing. The caller reads the stored result.
 */
public class IdempotencyKeyTaken extends RuntimeException {

    public IdempotencyKeyTaken(String key) {
        super("idempotency key " + key + " was stored by a concurrent request", null, false, false);
    }
}
