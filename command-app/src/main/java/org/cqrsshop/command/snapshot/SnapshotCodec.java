package org.cqrsshop.command.snapshot;

/**
 * The JSON form of one aggregate's state. {@link #schema()} changes whenever that form does;
 * snapshots written under another schema are ignored and the stream is folded from its events.
 */
public interface SnapshotCodec<S> {

    String streamType();

    int schema();

    String encode(S state);

    S decode(String json);
}
