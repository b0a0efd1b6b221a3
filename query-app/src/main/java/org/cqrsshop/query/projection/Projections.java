package org.cqrsshop.query.projection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.cqrsshop.common.event.EventEnvelope;

/** The one place that decides which delivered events a view takes, and in what order. */
public final class Projections {

    private Projections() {}

    /**
     * Folds the events that are new to {@code current} into it. Events the view already holds
     * are dropped, whatever their payload; the rest must continue the stream without a hole.
     *
     * @param events events of the view's stream, in any order, possibly repeated
     */
    public static <V extends StreamView> ProjectionStep<V> step(
            ViewProjection<V> projection, V current, List<EventEnvelope> events) {
        long viewVersion = current == null ? 0 : current.version;
        long viewPosition = current == null ? 0 : current.lastPosition;
        List<EventEnvelope> fresh = events.stream()
                .filter(event -> event.streamVersion() > viewVersion)
                .sorted(Comparator.comparingLong(EventEnvelope::streamVersion))
                .toList();
        if (fresh.isEmpty()) {
            return new ProjectionStep.AlreadyApplied<>(viewVersion);
        }
        V view = current;
        long expected = viewVersion + 1;
        for (EventEnvelope event : fresh) {
            if (event.streamVersion() < expected) {
                continue; // the same version twice in one batch: a duplicate delivery
            }
            if (event.streamVersion() > expected) {
                return new ProjectionStep.Gap<>(expected, event.streamVersion());
            }
            view = projection.evolve(view, event);
            view.id = event.streamId().toString();
            view.version = event.streamVersion();
            view.lastPosition = event.globalPosition();
            expected++;
        }
        return new ProjectionStep.Apply<>(view, viewVersion, viewPosition);
    }

    /**
     * Every state a stream's view passes through, one per version, oldest first.
     *
     * @param stream the stream's events from version 1 on, in any order
     */
    public static <V extends StreamView> List<V> history(ViewProjection<V> projection, List<EventEnvelope> stream) {
        List<V> states = new ArrayList<>();
        V view = null;
        for (EventEnvelope event : stream.stream().sorted(Comparator.comparingLong(EventEnvelope::streamVersion)).toList()) {
            ProjectionStep<V> step = step(projection, view, List.of(event));
            if (step instanceof ProjectionStep.Gap<V> gap) {
                throw new IllegalArgumentException("stream lacks version " + gap.expectedVersion());
            }
            if (step instanceof ProjectionStep.Apply<V> apply) {
                view = apply.next();
                states.add(view);
            }
        }
        return states;
    }

    /** The view a whole stream folds into, or {@code null} for an empty stream. */
    public static <V extends StreamView> V fold(ViewProjection<V> projection, List<EventEnvelope> stream) {
        List<V> states = history(projection, stream);
        return states.isEmpty() ? null : states.get(states.size() - 1);
    }
}
