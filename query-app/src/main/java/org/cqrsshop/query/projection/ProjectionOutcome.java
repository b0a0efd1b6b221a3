package org.cqrsshop.query.projection;

/** What happened to one delivered event. */
public enum ProjectionOutcome {
    /** The view changed. */
    APPLIED,
    /** The view already held the event: a redelivery, acknowledged and otherwise ignored. */
    DUPLICATE,
    /**
     * Earlier events of the stream had not arrived; they were read from the command side's
     * catch-up feed and applied together with this one.
     */
    REPAIRED
}
