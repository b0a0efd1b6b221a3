package org.cqrsshop.command.handling;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How commands are run. */
@ConfigMapping(prefix = "cqrs-shop.commands")
public interface HandlingConfig {

    /**
     * How many times a command that clashed with a concurrent one is decided again on fresh
     * state, when the client did not pin an expectedVersion. Hot streams (a product many orders
     * reserve at once) need several.
     */
    @WithDefault("10")
    int conflictRetries();

    /** The first pause before such a retry; it doubles up to 20 times this, with jitter. */
    @WithDefault("5ms")
    Duration conflictBackoff();
}
