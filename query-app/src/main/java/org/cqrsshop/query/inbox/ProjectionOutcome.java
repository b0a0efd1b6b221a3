package org.cqrsshop.query.inbox;

/** What happened to one delivered event. */
public enum ProjectionOutcome {
    /** The view changed. */
    APPLIED,
    /** The view already held the event: a redelivery, acknowledged and otherwise ignored. */
    DUPLICATE,
    /** An earlier event of the stream has not been applied yet; the message goes back to the queue. */
    GAP,
    /** The message is not a valid event and never will be; it goes to the dead-letter queue. */
    POISON
}
