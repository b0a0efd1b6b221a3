package org.cqrsshop.command.feed;

/** A feed request with a parameter out of range or malformed; answered with HTTP 400. */
public class InvalidFeedRequest extends RuntimeException {

    public InvalidFeedRequest(String message) {
        super(message, null, false, false);
    }
}
