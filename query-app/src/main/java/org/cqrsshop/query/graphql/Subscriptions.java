package org.cqrsshop.query.graphql;

/** What every subscription's documentation shares. */
public final class Subscriptions {

    public static final String AFTER_VERSION = "The last version this client received: the versions after it come first,"
            + " then live ones, with none missed and none twice. Without it, changes start from the read model's"
            + " current version.";

    private Subscriptions() {}
}
