package org.cqrsshop.command.eventstore;

import java.util.UUID;

/**
 * A stream is not at the version the writer expected: someone else appended first. The caller
 * should reload and decide again.
 */
public class VersionConflict extends RuntimeException {

    private final UUID streamId;
    private final long expectedVersion;

    public VersionConflict(UUID streamId, long expectedVersion, String detail) {
        super("stream " + streamId + " is not at version " + expectedVersion + ": " + detail, null, false, false);
        this.streamId = streamId;
        this.expectedVersion = expectedVersion;
    }

    public UUID streamId() {
        return streamId;
    }

    public long expectedVersion() {
        return expectedVersion;
    }
}
