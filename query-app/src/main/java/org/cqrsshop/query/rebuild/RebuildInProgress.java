package org.cqrsshop.query.rebuild;

/** A rebuild was asked for while one is running. */
public class RebuildInProgress extends RuntimeException {

    public RebuildInProgress() {
        super("a read model rebuild is already running; readModelStatus shows its progress", null, false, false);
    }
}
