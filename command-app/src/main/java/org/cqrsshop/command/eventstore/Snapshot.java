package org.cqrsshop.command.eventstore;

/** A stream's state at {@code version}, in the JSON form of the state schema that wrote it. */
public record Snapshot(long version, int stateSchema, String state) {}
