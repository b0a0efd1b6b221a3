package org.cqrsshop.query.change;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cqrsshop.query.redis.OutageLog;
import org.jboss.logging.Logger;

/**
 * Tells subscribers on every replica that a view changed, by appending a notice to the change
 * log that each replica reads ({@link ChangeHub}). Publishing never fails the projection. A notice
 * Redis does not take is owed: this replica keeps the latest one of each entity and appends them
 * once Redis takes notices again; a subscriber folds the versions in between from the event store. Should more entities be owed than {@link SubscriptionConfig#maxOwedNotices()},
 * the log gets a gap marker instead, and every replica catches its subscriptions up from the views.
 */
@ApplicationScoped
public class ChangeNotifier {

    private static final Logger LOG = Logger.getLogger(ChangeNotifier.class);

    private final ChangeLog log;
    private final SubscriptionConfig config;
    private final MeterRegistry meters;
    private final Map<String, ViewChange> owed = new ConcurrentHashMap<>();
    private final AtomicBoolean owesGap = new AtomicBoolean();
    private final AtomicBoolean repaying = new AtomicBoolean();
    private final AtomicBoolean repaymentScheduled = new AtomicBoolean();
    private volatile boolean stopped;
    private final OutageLog outages = new OutageLog(LOG,
            "Change notices cannot reach Redis; they are kept and sent once it answers: %s",
            "Change notices reach Redis again");

    public ChangeNotifier(ChangeLog log, SubscriptionConfig config, MeterRegistry meters) {
        this.log = log;
        this.config = config;
        this.meters = meters;
        meters.gauge("cqrs.subscriptions.notices.owed", owed, Map::size);
    }

    void stop(@Observes ShutdownEvent stopping) {
        stopped = true;
    }

    public Uni<Void> publish(ViewChange change) {
        return log.append(change).onItemOrFailure().transform((appended, failure) -> {
            if (failure == null) {
                count("published");
                outages.succeeded();
                repay();
            } else {
                count("failed");
                outages.failed(failure);
                owe(change);
            }
            return null;
        });
    }

    /** How many entities' notices wait for Redis; for tests and readiness details. */
    public int owedNotices() {
        return owed.size();
    }

    private void owe(ViewChange change) {
        String entity = change.streamType() + ":" + change.streamId();
        if (owed.size() >= config.maxOwedNotices() && !owed.containsKey(entity)) {
            owesGap.set(true);
        } else {
            owed.merge(entity, change, ViewChange::spanning);
        }
        scheduleRepayment();
    }

    private void scheduleRepayment() {
        if (repaymentScheduled.compareAndSet(false, true)) {
            Uni.createFrom().voidItem().onItem().delayIt().by(config.reconnectDelay())
                    .subscribe().with(again -> {
                        repaymentScheduled.set(false);
                        repay();
                    });
        }
    }

    /** Appends what is owed, one repayment at a time; whatever fails stays owed and is tried again later. */
    private void repay() {
        if (stopped || (owed.isEmpty() && !owesGap.get()) || !repaying.compareAndSet(false, true)) {
            return;
        }
        Uni<Boolean> gapMarked = owesGap.get()
                ? log.appendGap().onItem().invoke(() -> owesGap.set(false)).replaceWith(true)
                : Uni.createFrom().item(true);
        gapMarked
                .chain(() -> Multi.createFrom().iterable(Map.copyOf(owed).entrySet())
                        .onItem().transformToUniAndConcatenate(debt -> log.append(debt.getValue()).invoke(() -> {
                            owed.remove(debt.getKey(), debt.getValue());
                            count("repaid");
                        }))
                        .collect().last())
                .subscribe().with(
                        repaid -> {
                            repaying.set(false);
                            if (!owed.isEmpty() || owesGap.get()) {
                                repay();
                            }
                        },
                        failure -> {
                            repaying.set(false);
                            outages.failed(failure);
                            scheduleRepayment();
                        });
    }

    private void count(String result) {
        meters.counter("cqrs.subscriptions.notices", "result", result).increment();
    }
}
