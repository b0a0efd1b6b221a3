package org.cqrsshop.command.eventstore;

import java.util.Map;
import java.util.UUID;

/**
 * What an append wrote: each stream's version afterwards, and the global position of the last
 * event (0 when nothing was appended).
 */
public record AppendResult(Map<UUID, Long> versions, long lastPosition) {

    public AppendResult {
        versions = Map.copyOf(versions);
    }
}
