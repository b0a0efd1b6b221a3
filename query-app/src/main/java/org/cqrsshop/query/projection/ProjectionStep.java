package org.cqrsshop.query.projection;

/** What folding delivered events into a stored view comes to. */
public sealed interface ProjectionStep<V extends StreamView> {

    /**
     * Write {@code next}, provided the stored view is still at {@code previousVersion}.
     *
     * @param previousPosition the global position of the event that made the stored view; 0 for none
     */
    record Apply<V extends StreamView>(V next, long previousVersion, long previousPosition) implements ProjectionStep<V> {}

    /** The view already holds every one of these events: a redelivery. */
    record AlreadyApplied<V extends StreamView>(long viewVersion) implements ProjectionStep<V> {}

    /** Events between the view and these are missing; applying them now would skip some. */
    record Gap<V extends StreamView>(long expectedVersion, long receivedVersion) implements ProjectionStep<V> {}
}
