package org.cqrsshop.command.handling;

import java.util.Objects;

/**
 * A client's idempotency key with a fingerprint of the request it came with: a repeat of the same
 * request returns the first result, the same key with another request is refused.
 */
public record IdempotencyKey(String key, String fingerprint) {

    public static final int MAX_LENGTH = 128;

    public IdempotencyKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fingerprint, "fingerprint");
        if (key.isBlank() || key.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("an idempotency key is 1 to " + MAX_LENGTH + " characters");
        }
    }
}
