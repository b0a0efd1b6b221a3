package org.cqrsshop.query.rebuild;

public enum RebuildState {
    /** No rebuild has run since the read model was created. */
    NEVER_RUN,
    RUNNING,
    SUCCEEDED,
    FAILED
}
