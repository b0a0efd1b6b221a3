package org.cqrsshop.query.change;

/** A subscription stopped taking notices and its queue filled up; it is ended so it costs no more. */
public class SubscriberTooSlow extends RuntimeException {

    private final int pending;

    public SubscriberTooSlow(int pending) {
        super("the subscription fell " + pending + " notifications behind and was closed; subscribe again with the"
                + " last version you received to catch up");
        this.pending = pending;
    }

    public int pending() {
        return pending;
    }
}
