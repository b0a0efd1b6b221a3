package org.cqrsshop.command.handling;

/** The idempotency key was first used with a different request. */
public class IdempotencyKeyReused extends RuntimeException {

    public IdempotencyKeyReused(String key) {
        super("idempotency key " + key + " was already used with a different request", null, false, false);
    }
}
