package org.cqrsshop.command.snapshot;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** When streams are snapshotted. */
@ConfigMapping(prefix = "cqrs-shop.snapshots")
public interface SnapshotConfig {

    /**
     * A snapshot is taken each time a stream passes a multiple of this many events; 0 turns
     * snapshots off. Loading then folds at most this many events on top of the snapshot.
     */
    @WithDefault("100")
    int every();
}
