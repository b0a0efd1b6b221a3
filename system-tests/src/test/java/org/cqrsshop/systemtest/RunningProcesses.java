package org.cqrsshop.systemtest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The processes the current test class started, in the order they started. A process stays
 * listed after it stopped, until the next class begins: an app that died, or one the shop
 * stopped because it never became ready, still has a log worth reading.
 */
final class RunningProcesses {

    private static final Set<WatchedProcess> STARTED = new LinkedHashSet<>();

    private RunningProcesses() {}

    static synchronized void started(WatchedProcess process) {
        STARTED.add(process);
    }

    static synchronized List<WatchedProcess> all() {
        return new ArrayList<>(STARTED);
    }

    /** Drops the processes that stopped; a class starting anew has no story in them. */
    static synchronized void forgetStopped() {
        STARTED.removeIf(process -> !process.isRunning());
    }
}
