package org.cqrsshop.command.eventstore;

/** An idempotency key already in the store, with the result of the request that first used it. */
public record StoredIdempotency(String operation, String fingerprint, String outcome) {}
