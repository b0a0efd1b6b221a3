package org.cqrsshop.command.snapshot;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The snapshot codecs by stream type, and the snapshot interval. */
@ApplicationScoped
public class Snapshots {

    private final Map<String, SnapshotCodec<?>> codecs;
    private final SnapshotConfig config;

    public Snapshots(Instance<SnapshotCodec<?>> codecs, SnapshotConfig config) {
        this.codecs = codecs.stream().collect(Collectors.toUnmodifiableMap(SnapshotCodec::streamType, Function.identity()));
        this.config = config;
    }

    @SuppressWarnings("unchecked")
    public <S> Optional<SnapshotCodec<S>> codecFor(String streamType) {
        return config.every() > 0 ? Optional.ofNullable((SnapshotCodec<S>) codecs.get(streamType)) : Optional.empty();
    }

    /** Whether growing a stream from {@code before} to {@code after} events passes a snapshot point. */
    public boolean due(long before, long after) {
        return config.every() > 0 && after / config.every() > before / config.every();
    }
}
