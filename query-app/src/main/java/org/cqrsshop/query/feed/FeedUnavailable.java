package org.cqrsshop.query.feed;

/**
 * The command-app's feed could not be read. Like a MongoDB outage, this is no fault of the
 * event being projected, so it never sends an event to the dead-letter queue.
 */
public class FeedUnavailable extends RuntimeException {

    public FeedUnavailable(Throwable cause) {
        super("the event feed could not be read: " + cause.getMessage(), cause);
    }
}
