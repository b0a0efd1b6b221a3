package org.cqrsshop.command.handling;

import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.cqrsshop.command.decider.ClaimChange;
import org.cqrsshop.command.decider.Decider;
import org.cqrsshop.command.decider.StreamChange;
import org.cqrsshop.command.eventstore.AppendResult;
import org.cqrsshop.command.eventstore.IdempotencyRecord;
import org.cqrsshop.command.eventstore.NewEvent;
import org.cqrsshop.command.eventstore.PgEventStore;
import org.cqrsshop.command.eventstore.Snapshot;
import org.cqrsshop.command.eventstore.StreamWrite;
import org.cqrsshop.command.snapshot.SnapshotCodec;
import org.cqrsshop.command.snapshot.Snapshots;
import org.cqrsshop.common.event.DomainEvent;
import org.jboss.logging.Logger;

/**
 * The streams one command reads and the events it records, committed together: every stream it
 * writes is appended at the version it was read at, in one transaction.
 */
public final class UnitOfWork {

    private static final Logger LOG = Logger.getLogger(UnitOfWork.class);

    private final PgEventStore eventStore;
    private final Snapshots snapshots;
    private final Map<UUID, Tracked<?, ?, ?>> streams = new LinkedHashMap<>();

    UnitOfWork(PgEventStore eventStore, Snapshots snapshots) {
        this.eventStore = eventStore;
        this.snapshots = snapshots;
    }

    /** A stream read by this unit, and the events recorded for it so far. */
    private static final class Tracked<C, E, S> {
        final Decider<C, E, S> decider;
        final UUID streamId;
        final S state;
        final long version;
        final List<E> recorded = new ArrayList<>();

        Tracked(Decider<C, E, S> decider, UUID streamId, S state, long version) {
            this.decider = decider;
            this.streamId = streamId;
            this.state = state;
            this.version = version;
        }
    }

    /** Reads a stream's current state, from its latest snapshot and the events after it. */
    public <C, E extends DomainEvent, S> Uni<S> load(Decider<C, E, S> decider, UUID streamId) {
        Optional<SnapshotCodec<S>> codec = snapshots.codecFor(decider.streamType());
        Uni<Optional<Snapshot>> snapshot = codec.isPresent()
                ? eventStore.loadSnapshot(streamId)
                : Uni.createFrom().item(Optional.empty());
        return snapshot.chain(found -> {
            S base = decider.initialState();
            long baseVersion = 0;
            if (found.isPresent() && found.get().stateSchema() == codec.get().schema()) {
                try {
                    base = codec.get().decode(found.get().state());
                    baseVersion = found.get().version();
                } catch (RuntimeException unreadable) {
                    LOG.warnf(unreadable, "Ignoring the unreadable snapshot of stream %s", streamId);
                }
            }
            S from = base;
            return eventStore.loadStream(streamId, baseVersion).map(stream -> {
                List<E> events = new ArrayList<>(stream.events().size());
                for (DomainEvent event : stream.events()) {
                    events.add(decider.eventType().cast(event));
                }
                S state = decider.fold(from, events);
                streams.put(streamId, new Tracked<>(decider, streamId, state, stream.version()));
                return state;
            });
        });
    }

    /** The version a loaded stream was read at. */
    public long versionOf(UUID streamId) {
        return tracked(streamId).version;
    }

    /** Records events for a loaded stream, to be appended on commit. */
    public <E> void record(Decider<?, E, ?> decider, UUID streamId, List<E> events) {
        Tracked<?, ?, ?> tracked = tracked(streamId);
        if (tracked.decider != decider) {
            throw new IllegalArgumentException("stream " + streamId + " was loaded as " + tracked.decider.streamType());
        }
        addAll(tracked, events);
    }

    /** Records events that a rule spanning several aggregates decided, for streams loaded before. */
    public void record(List<StreamChange> changes) {
        for (StreamChange change : changes) {
            Tracked<?, ?, ?> tracked = tracked(change.streamId());
            if (!tracked.decider.streamType().equals(change.streamType())) {
                throw new IllegalArgumentException("stream " + change.streamId() + " is not a " + change.streamType());
            }
            addAll(tracked, change.events());
        }
    }

    boolean hasEvents() {
        return streams.values().stream().anyMatch(stream -> !stream.recorded.isEmpty());
    }

    Uni<AppendResult> commit(CommandContext context, Optional<IdempotencyRecord> idempotency) {
        List<StreamWrite> writes = new ArrayList<>();
        List<ClaimChange> claims = new ArrayList<>();
        for (Tracked<?, ?, ?> stream : streams.values()) {
            if (stream.recorded.isEmpty()) {
                continue;
            }
            List<NewEvent> events = new ArrayList<>();
            for (Object event : stream.recorded) {
                events.add(new NewEvent(UUID.randomUUID(), (DomainEvent) event, context.receivedAt(),
                        context.correlationId(), context.commandId(), context.actor()));
            }
            writes.add(new StreamWrite(stream.streamId, stream.decider.streamType(), stream.version, events));
            claims.addAll(claimsOf(stream));
        }
        if (writes.isEmpty() && idempotency.isEmpty()) {
            return Uni.createFrom().item(new AppendResult(Map.of(), 0));
        }
        return eventStore.append(writes, claims, idempotency).invoke(this::snapshotWhereDue);
    }

    private static <C, E, S> List<ClaimChange> claimsOf(Tracked<C, E, S> stream) {
        return stream.decider.claims().apply(stream.state, stream.recorded);
    }

    /** Snapshots are written after the commit and outside it: a failure costs speed, never data. */
    private void snapshotWhereDue(AppendResult result) {
        for (Tracked<?, ?, ?> stream : streams.values()) {
            long after = result.versions().getOrDefault(stream.streamId, stream.version);
            if (!stream.recorded.isEmpty() && snapshots.due(stream.version, after)) {
                snapshot(stream, after);
            }
        }
    }

    private <C, E, S> void snapshot(Tracked<C, E, S> stream, long version) {
        snapshots.<S>codecFor(stream.decider.streamType()).ifPresent(codec -> {
            S state = stream.decider.fold(stream.state, stream.recorded);
            eventStore.saveSnapshot(stream.streamId, stream.decider.streamType(),
                            new Snapshot(version, codec.schema(), codec.encode(state)))
                    .subscribe().with(saved -> {}, failure ->
                            LOG.warnf(failure, "Could not snapshot stream %s at version %d", stream.streamId, version));
        });
    }

    @SuppressWarnings("unchecked")
    private static <E> void addAll(Tracked<?, ?, ?> tracked, List<?> events) {
        Tracked<?, E, ?> typed = (Tracked<?, E, ?>) tracked;
        for (Object event : events) {
            typed.recorded.add((E) typed.decider.eventType().cast(event));
        }
    }

    private Tracked<?, ?, ?> tracked(UUID streamId) {
        Tracked<?, ?, ?> tracked = streams.get(streamId);
        if (tracked == null) {
            throw new IllegalStateException("stream " + streamId + " must be loaded before it is used");
        }
        return tracked;
    }
}
