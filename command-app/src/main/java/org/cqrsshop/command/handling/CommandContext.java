package org.cqrsshop.command.handling;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Why and when a command is handled. These are the command's hidden inputs made explicit: the
 * decider never reads a clock or invents an id.
 *
 * @param commandId id of this command; it becomes the causation id of the events it produces
 * @param correlationId id shared by everything one client request causes
 * @param actor who issued the command, as {@code customer:<id>} or {@code admin:<name>}; {@code null} when unknown
 * @param receivedAt when the command was accepted; its events' occurred-at
 */
public record CommandContext(UUID commandId, UUID correlationId, String actor, Instant receivedAt) {

    public CommandContext {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
