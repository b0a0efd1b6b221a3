package org.cqrsshop.systemtest.faults;

import java.time.Instant;
import java.util.List;

/**
 * One mutation a load client sent, and what the client learnt of its fate.
 *
 * @param idempotencyKey sent with the mutation, so the store tells whether it was carried out
 * @param detail for a failure, what the client saw (an error code, an HTTP status, a refused
 *     connection); for an unknown outcome, how the exchange broke off
 * @param streamId the aggregate an acknowledged command acted on, as the answer said
 * @param version its version after the command, as the answer said
 * @param position the global position of the last event the command appended, 0 if none
 * @param errorCodes {@code extensions.code} of every error of the answer, in order (empty when it
 *     had none; "" for an error without a code)
 */
public record SentCommand(
        String client,
        String operation,
        String idempotencyKey,
        Instant sentAt,
        Instant answeredAt,
        Fate fate,
        String detail,
        String streamId,
        long version,
        long position,
        List<String> errorCodes) {

    public SentCommand {
        errorCodes = List.copyOf(errorCodes);
    }

    public enum Fate {
        /** An answer with data and no errors: the client was told the command was carried out. */
        ACKNOWLEDGED,
        /**
         * The client saw an error: an HTTP error status, a GraphQL error, or a connection refused
         * before anything was sent.
         */
        FAILED,
        /**
         * The request may have reached the server but no answer came (the connection dropped, or
         * nothing arrived in time): it may or may not have been carried out.
         */
        UNKNOWN
    }

    static SentCommand acknowledged(String client, String operation, String key, Instant sentAt, String streamId,
            long version, long position) {
        return new SentCommand(client, operation, key, sentAt, Instant.now(), Fate.ACKNOWLEDGED, "", streamId, version,
                position, List.of());
    }

    static SentCommand failed(String client, String operation, String key, Instant sentAt, String detail) {
        return new SentCommand(client, operation, key, sentAt, Instant.now(), Fate.FAILED, detail, null, 0, 0, List.of());
    }

    /** An answer with GraphQL errors; the detail is the first one's code. */
    static SentCommand refused(String client, String operation, String key, Instant sentAt, List<String> errorCodes) {
        String first = errorCodes.get(0).isEmpty() ? "GraphQL error without a code" : errorCodes.get(0);
        return new SentCommand(client, operation, key, sentAt, Instant.now(), Fate.FAILED, first, null, 0, 0, errorCodes);
    }

    static SentCommand unknown(String client, String operation, String key, Instant sentAt, String detail) {
        return new SentCommand(client, operation, key, sentAt, Instant.now(), Fate.UNKNOWN, detail, null, 0, 0, List.of());
    }

    public boolean acknowledged() {
        return fate == Fate.ACKNOWLEDGED;
    }
}
