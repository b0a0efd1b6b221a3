package org.cqrsshop.systemtest.faults;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.cqrsshop.systemtest.faults.EventStoreAudit.StoredEvent;
import org.cqrsshop.systemtest.faults.EventStoreAudit.StoredResult;
import org.cqrsshop.systemtest.faults.SentCommand.Fate;

/**
 * The campaign's figures, reckoned once the load has stopped and the read side has settled: what
 * the clients were told, what the event store holds, what the read model holds, and how each
 * fault was recovered from. Tests assert on it; {@link #print} shows it in one block.
 */
public final class CampaignReport {

    private final String title;
    private final List<SentCommand> sent;
    private final List<FaultRecovery> faults;
    private final long eventsCommitted;
    private final long eventsProjected;
    private final long eventsMissingFromReadModel;
    private final List<String> acknowledgedButNotStored = new ArrayList<>();
    private final List<SentCommand> unknownButStored = new ArrayList<>();
    private final List<SentCommand> failedButStored = new ArrayList<>();
    private final List<String> duplicates = new ArrayList<>();
    private final Map<String, Long> projectionOutcomes;

    /**
     * @param projectionOutcomes what the running query-app counted since its last start, by outcome
     */
    public CampaignReport(String title, List<SentCommand> sent, List<FaultRecovery> faults, EventStoreAudit store,
            ReadModelProgress readModel, Map<String, Long> projectionOutcomes) {
        this.title = title;
        this.sent = List.copyOf(sent);
        this.faults = List.copyOf(faults);
        this.projectionOutcomes = new TreeMap<>(projectionOutcomes);
        Map<String, Long> streamVersions = store.streamVersions();
        this.eventsCommitted = store.eventCount();
        this.eventsProjected = readModel.eventsProjected();
        this.eventsMissingFromReadModel = readModel.eventsMissing(streamVersions);
        reconcileWithStore(store.events(), store.idempotencyResults());
        store.duplicatedStreamVersions().forEach(duplicate -> duplicates.add("stream version stored twice: " + duplicate));
        store.duplicatedEventIds().forEach(duplicate -> duplicates.add("event id stored twice: " + duplicate));
        store.streamsWithHoles().forEach(holes -> duplicates.add("stream versions not 1..n: " + holes));
        readModel.viewVersions().forEach((view, version) -> {
            if (version > streamVersions.getOrDefault(view, 0L)) {
                duplicates.add("view " + view + " at version " + version + ", its stream at "
                        + streamVersions.getOrDefault(view, 0L));
            }
        });
    }

    /**
     * Every acknowledged command must be in the store: its idempotency key with the result the
     * client was given, the (stream, version) it reported, and the position of its last event.
     */
    private void reconcileWithStore(Set<StoredEvent> events, Map<String, StoredResult> results) {
        Set<String> streamVersions = events.stream().map(event -> event.streamId() + " v" + event.version())
                .collect(Collectors.toSet());
        Set<Long> positions = events.stream().map(StoredEvent::position).collect(Collectors.toSet());
        for (SentCommand command : sent) {
            StoredResult stored = results.get(command.idempotencyKey());
            switch (command.fate()) {
                case ACKNOWLEDGED -> {
                    String what = command.operation() + " " + command.streamId() + " v" + command.version()
                            + " (key " + command.idempotencyKey() + ")";
                    if (stored == null) {
                        acknowledgedButNotStored.add(what + ": its idempotency key is not in the store");
                    } else if (!stored.streamId().equals(command.streamId()) || stored.version() != command.version()) {
                        acknowledgedButNotStored.add(what + ": the store kept another result, " + stored);
                    }
                    if (command.version() > 0 && !streamVersions.contains(command.streamId() + " v" + command.version())) {
                        acknowledgedButNotStored.add(what + ": no such stream version in the store");
                    }
                    if (command.position() > 0 && !positions.contains(command.position())) {
                        acknowledgedButNotStored.add(what + ": no event at position " + command.position());
                    }
                }
                case UNKNOWN -> {
                    if (stored != null) {
                        unknownButStored.add(command);
                    }
                }
                case FAILED -> {
                    if (stored != null) {
                        failedButStored.add(command);
                    }
                }
            }
        }
    }

    public long sentCount() {
        return sent.size();
    }

    public long count(Fate fate) {
        return sent.stream().filter(command -> command.fate() == fate).count();
    }

    /** Acknowledged commands the store does not hold as acknowledged; must be empty. */
    public List<String> acknowledgedButNotStored() {
        return acknowledgedButNotStored;
    }

    /** Committed events that no view has taken in; must be 0 once the read side settled. */
    public long eventsMissingFromReadModel() {
        return eventsMissingFromReadModel;
    }

    /** Anything stored or projected twice; must be empty. */
    public List<String> duplicates() {
        return duplicates;
    }

    public List<FaultRecovery> faults() {
        return faults;
    }

    /** Commands the clients were told had failed, which the store holds all the same. */
    /**
     * Every answer, during a fault or between two, that carried a server error: {@code INTERNAL},
     * or an error without a code. A fault may refuse a command (UNAVAILABLE), never fail it so.
     */
    public List<String> serverErrors() {
        return sent.stream()
                .filter(command -> command.errorCodes().stream().anyMatch(code -> code.isEmpty() || code.equals("INTERNAL")))
                .map(command -> command.operation() + " answered at " + command.answeredAt() + " with " + command.errorCodes()
                        + " (sent at " + command.sentAt() + ", key " + command.idempotencyKey() + ")")
                .toList();
    }

    public List<SentCommand> failedButStored() {
        return failedButStored;
    }

    public void print(PrintStream out) {
        StringBuilder text = new StringBuilder();
        line(text, "==================== %s ====================", title);
        line(text, "Commands sent                             %7d   %s", sent.size(), breakdown(sent, SentCommand::operation));
        line(text, "  acknowledged                            %7d", count(Fate.ACKNOWLEDGED));
        line(text, "  failed with an error the client saw     %7d   %s", count(Fate.FAILED),
                breakdown(of(Fate.FAILED), SentCommand::detail));
        line(text, "    of which in the store nevertheless    %7d   %s", failedButStored.size(),
                breakdown(failedButStored, SentCommand::detail));
        line(text, "    of which server errors (INTERNAL)     %7d", serverErrors().size());
        line(text, "  unknown outcome (no answer)             %7d   %s", count(Fate.UNKNOWN),
                breakdown(of(Fate.UNKNOWN), SentCommand::detail));
        line(text, "    of which in the store (carried out)   %7d", unknownButStored.size());
        line(text, "Events committed (event store)            %7d", eventsCommitted);
        line(text, "Events projected (sum of view versions)   %7d", eventsProjected);
        line(text, "Lost: acknowledged but not in the store   %7d", acknowledgedButNotStored.size());
        line(text, "Lost: committed but not in the read model %7d", eventsMissingFromReadModel);
        line(text, "Duplicated (store or views)               %7d", duplicates.size());
        line(text, "Query-app projections since its restart   %s", projectionOutcomes);
        line(text, "Recovery, measured from the moment the faulty part was back (restarted process ready,");
        line(text, "server accepting connections) to the first acknowledged command and to the read model");
        line(text, "holding every event committed up to that moment:");
        line(text, "  %-44s %8s %10s %12s %10s   %s", "fault", "outage", "first ack", "read model", "recovered",
                "commands in flight or sent until recovered: ack/failed/unknown");
        for (FaultRecovery fault : faults) {
            if (fault.wasSkipped()) {
                line(text, "  %-44s skipped: %s", fault.fault(), fault.skippedBecause().get());
                continue;
            }
            // In flight when the fault struck, or sent before the system had recovered.
            List<SentCommand> during = sent.stream().filter(command -> !command.answeredAt().isBefore(fault.injectedAt())
                    && command.sentAt().isBefore(fault.endedAt())).toList();
            line(text, "  %-44s %8s %10s %12s %10s   %d/%d/%d", fault.fault(), seconds(fault.outage()),
                    seconds(fault.untilFirstAcknowledgement()), seconds(fault.untilReadModelCaughtUp()),
                    fault.recovered() ? seconds(Duration.between(fault.backAt(), fault.endedAt())) : "NO",
                    countIn(during, Fate.ACKNOWLEDGED), countIn(during, Fate.FAILED), countIn(during, Fate.UNKNOWN));
            if (!fault.note().isEmpty()) {
                line(text, "  %-44s %s", "", fault.note());
            }
        }
        List<SentCommand> unknown = of(Fate.UNKNOWN);
        if (!unknown.isEmpty()) {
            line(text, "Commands of unknown outcome (seconds after the first command was sent):");
            Instant start = sent.stream().map(SentCommand::sentAt).min(Instant::compareTo).orElseThrow();
            for (SentCommand command : unknown.subList(0, Math.min(unknown.size(), 20))) {
                line(text, "  +%-7s %-14s %-22s %s", seconds(Duration.between(start, command.sentAt())),
                        command.operation(), command.detail(),
                        unknownButStored.contains(command) ? "carried out (its key is in the store)" : "not carried out");
            }
        }
        line(text, "==================== end of %s ====================", title);
        out.print(text);
        out.flush();
    }

    private List<SentCommand> of(Fate fate) {
        return sent.stream().filter(command -> command.fate() == fate).toList();
    }

    private static long countIn(List<SentCommand> commands, Fate fate) {
        return commands.stream().filter(command -> command.fate() == fate).count();
    }

    private static String breakdown(List<SentCommand> commands, Function<SentCommand, String> by) {
        if (commands.isEmpty()) {
            return "";
        }
        return commands.stream().collect(Collectors.groupingBy(by, TreeMap::new, Collectors.counting())).toString();
    }

    private static String seconds(Optional<Duration> duration) {
        return duration.map(CampaignReport::seconds).orElse("never");
    }

    private static String seconds(Duration duration) {
        return String.format("%.1f s", duration.toMillis() / 1000.0);
    }

    private static void line(StringBuilder text, String format, Object... arguments) {
        text.append(String.format(format, arguments)).append(System.lineSeparator());
    }

    /** For a failure message: the first few of a list that should be empty. */
    public static String firstOf(List<?> items) {
        return items.stream().limit(20).map(String::valueOf).collect(Collectors.joining("\n  ", "\n  ", ""))
                + (items.size() > 20 ? "\n  ... and " + (items.size() - 20) + " more" : "");
    }
}
