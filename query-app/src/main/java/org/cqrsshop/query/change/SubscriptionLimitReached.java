package org.cqrsshop.query.change;

/** This replica already serves as many subscriptions as it is configured to. */
public class SubscriptionLimitReached extends RuntimeException {

    private final int limit;

    public SubscriptionLimitReached(int limit) {
        super("this server already serves its limit of " + limit + " subscriptions; try again later");
        this.limit = limit;
    }

    public int limit() {
        return limit;
    }
}
