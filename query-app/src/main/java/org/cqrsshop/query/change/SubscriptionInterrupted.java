package org.cqrsshop.query.change;

/**
 * Notices a subscription to many entities depends on may have been lost (Redis lost or trimmed its
 * change log while this replica could not read it), and only the client can re-read the list.
 */
public class SubscriptionInterrupted extends RuntimeException {

    public SubscriptionInterrupted() {
        super("changes may have been missed while the server could not follow them; read the list again, then"
                + " subscribe again");
    }
}
