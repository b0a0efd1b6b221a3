package org.cqrsshop.command.handling;

/** Fired after a commit that appended events, so the relay can publish them without waiting for its next poll. */
public record EventsAppended() {}
