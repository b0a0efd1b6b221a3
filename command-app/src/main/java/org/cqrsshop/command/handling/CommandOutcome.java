package org.cqrsshop.command.handling;

import java.util.UUID;

/** The stream a command acted on and its version afterwards (unchanged when nothing was recorded). */
public record CommandOutcome(UUID streamId, long version) {}
