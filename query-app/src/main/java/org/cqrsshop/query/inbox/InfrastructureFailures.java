package org.cqrsshop.query.inbox;

import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import org.cqrsshop.query.feed.FeedUnavailable;

/** Tells an outage, which every event would suffer alike, from a fault of one event. */
final class InfrastructureFailures {

    private InfrastructureFailures() {}

    static boolean isOutage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof FeedUnavailable
                    || cause instanceof MongoSocketException
                    || cause instanceof MongoTimeoutException
                    || cause instanceof MongoNotPrimaryException
                    || cause instanceof MongoNodeIsRecoveringException) {
                return true;
            }
        }
        return false;
    }
}
