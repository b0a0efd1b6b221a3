package org.cqrsshop.query.redis;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Logs when a dependency starts failing and when it answers again, not every failure. Under
 * overload, failures and successes interleave; a transition is then logged at most once per
 * {@link #QUIET_PERIOD}, with the number of failures since, so that the log stays readable.
 */
public final class OutageLog {

    static final Duration QUIET_PERIOD = Duration.ofSeconds(30);

    private final Logger log;
    private final String failingMessage;
    private final String recoveredMessage;
    private final AtomicBoolean failing = new AtomicBoolean();
    private final AtomicBoolean warned = new AtomicBoolean();
    private final AtomicLong failuresSinceWarning = new AtomicLong();
    private final AtomicLong lastWarningNanos = new AtomicLong(System.nanoTime() - QUIET_PERIOD.toNanos());

    /** @param failingMessage a format with one {@code %s}, the failure */
    public OutageLog(Logger log, String failingMessage, String recoveredMessage) {
        this.log = log;
        this.failingMessage = failingMessage;
        this.recoveredMessage = recoveredMessage;
    }

    public void failed(Throwable failure) {
        long failures = failuresSinceWarning.incrementAndGet();
        long now = System.nanoTime();
        long last = lastWarningNanos.get();
        if (failing.compareAndSet(false, true) && now - last >= QUIET_PERIOD.toNanos()
                && lastWarningNanos.compareAndSet(last, now)) {
            failuresSinceWarning.set(0);
            warned.set(true);
            log.warnf(failingMessage + (failures > 1 ? " (%d failures since the last warning)" : ""),
                    failure.toString(), failures);
        }
    }

    public void succeeded() {
        if (failing.compareAndSet(true, false) && warned.compareAndSet(true, false)) {
            log.info(recoveredMessage);
        }
    }
}
