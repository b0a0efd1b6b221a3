package org.cqrsshop.command.outbox;

import java.time.Instant;

/**
 * What the relay last achieved, for health checks and logs.
 *
 * @param lastSuccessAt end of the last batch that completed, or {@code null} before the first
 * @param consecutiveFailures batches that failed since the last success
 * @param lastFailure message of the latest failure, or {@code null} after a success
 */
public record RelayStatus(Instant lastSuccessAt, int consecutiveFailures, String lastFailure) {

    static final RelayStatus STARTING = new RelayStatus(null, 0, null);

    RelayStatus succeeded(Instant at) {
        return new RelayStatus(at, 0, null);
    }

    RelayStatus failed(Throwable failure) {
        return new RelayStatus(lastSuccessAt, consecutiveFailures + 1, String.valueOf(failure.getMessage()));
    }
}
