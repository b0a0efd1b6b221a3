package org.cqrsshop.command.handling;

import java.util.Map;
import java.util.UUID;

/**
 * What a command did to its main stream: the stream's version afterwards (unchanged when nothing
 * was recorded), the global position of the last event the command appended (0 if none), and
 * facts particular to the command, such as a new order's number.
 */
public record CommandOutcome(UUID streamId, long version, long position, Map<String, String> attributes) {

    public CommandOutcome {
        attributes = Map.copyOf(attributes);
    }
}
