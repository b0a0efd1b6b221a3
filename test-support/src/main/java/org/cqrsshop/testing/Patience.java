package org.cqrsshop.testing;

import java.time.Duration;

/**
 * How long a test waits for a behaviour. Generous on purpose: a wait that is met returns at once,
 * so a long deadline costs nothing on a fast machine, while a short one fails the build on a
 * loaded two-core CI machine running five JVMs. A test states a behaviour, never a speed; speed
 * is measured in {@code bench/}.
 */
public final class Patience {

    /** For anything that goes through a real service: a write, a projection, a cache, a subscription's next result. */
    public static final Duration SERVICE = Duration.ofSeconds(30);
    /** For what follows an outage or a restart: an app starting, a broker reconnect, a catch-up. */
    public static final Duration RECOVERY = Duration.ofSeconds(60);

    private Patience() {}
}
