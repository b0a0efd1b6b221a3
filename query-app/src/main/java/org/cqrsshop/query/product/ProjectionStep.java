package org.cqrsshop.query.product;

/** What applying one event to a view comes to. */
public sealed interface ProjectionStep {

    /** Write {@code next}, provided the stored view is still at {@code previousVersion}. */
    record Apply(ProductView next, long previousVersion) implements ProjectionStep {}

    /** The view already holds this event: a redelivery. */
    record AlreadyApplied(long viewVersion) implements ProjectionStep {}

    /** Events between the view and this one are missing; applying it now would skip them. */
    record Gap(long expectedVersion, long receivedVersion) implements ProjectionStep {}
}
