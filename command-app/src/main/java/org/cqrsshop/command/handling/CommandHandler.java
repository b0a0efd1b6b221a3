package org.cqrsshop.command.handling;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.security.ForbiddenException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.cqrsshop.command.decider.Decider;
import org.cqrsshop.command.decider.Decision;
import org.cqrsshop.command.eventstore.AppendResult;
import org.cqrsshop.command.eventstore.ClaimTaken;
import org.cqrsshop.command.eventstore.IdempotencyKeyTaken;
import org.cqrsshop.command.eventstore.IdempotencyRecord;
import org.cqrsshop.command.eventstore.PgEventStore;
import org.cqrsshop.command.eventstore.StoredIdempotency;
import org.cqrsshop.command.eventstore.VersionConflict;
import org.cqrsshop.command.snapshot.Snapshots;
import org.cqrsshop.common.event.DomainEvent;
import org.cqrsshop.telemetry.LogContext;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Runs commands: loads what they read, lets the domain decide, and appends what it decided in
 * one transaction with an optimistic check on every stream. It also makes commands idempotent
 * under a client's key, and decides a command again when it clashed with a concurrent one. All
 * business rules live in the deciders and policies; this class only moves data.
 */
@ApplicationScoped
public class CommandHandler {

    /** The main stream of a command, and facts particular to the command to return with it. */
    public record Primary(UUID streamId, Map<String, String> attributes) {
        public static Primary of(UUID streamId) {
            return new Primary(streamId, Map.of());
        }
    }

    private static final Logger LOG = Logger.getLogger(CommandHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PgEventStore eventStore;
    private final Snapshots snapshots;
    private final HandlingConfig config;
    private final Event<EventsAppended> appended;
    private final MeterRegistry meters;

    public CommandHandler(PgEventStore eventStore, Snapshots snapshots, HandlingConfig config, Event<EventsAppended> appended,
            MeterRegistry meters) {
        this.meters = meters;
        this.eventStore = eventStore;
        this.snapshots = snapshots;
        this.config = config;
        this.appended = appended;
    }

    /** Runs one aggregate's command against one stream. */
    public <C, E extends DomainEvent, S> Uni<CommandOutcome> handle(
            CommandRequest request, Decider<C, E, S> decider, UUID streamId, C command) {
        return run(request, work -> work.load(decider, streamId).map(state -> {
            requireExpectedVersion(request, streamId, work.versionOf(streamId));
            work.record(decider, streamId, accepted(decider.decide().apply(command, state)));
            return Primary.of(streamId);
        }));
    }

    /**
     * Runs a command that may read and write several streams. {@code work} loads what it needs,
     * records what was decided (throwing {@link CommandRejected} to refuse) and names the main stream.
     */
    public Uni<CommandOutcome> run(CommandRequest request, Function<UnitOfWork, Uni<Primary>> work) {
        // Every line logged while this request is handled names the correlation id its events carry.
        MDC.put(LogContext.CORRELATION_ID, request.context().correlationId().toString());
        Timer.Sample started = Timer.start(meters);
        return runIdempotently(request, work).onItemOrFailure().invoke((outcome, failure) -> {
            String result = outcomeOf(failure);
            long nanos = started.stop(meters.timer("cqrs.commands", "operation", request.operation(), "outcome", result));
            LOG.debugf("%s %s in %d ms", request.operation(), result, nanos / 1_000_000);
        });
    }

    private Uni<CommandOutcome> runIdempotently(CommandRequest request, Function<UnitOfWork, Uni<Primary>> work) {
        if (request.idempotencyKey().isEmpty()) {
            return attempt(request, work);
        }
        IdempotencyKey key = request.idempotencyKey().get();
        return eventStore.findIdempotency(key.key()).chain(stored -> stored.isPresent()
                ? Uni.createFrom().item(replay(request, key, stored.get()))
                : attempt(request, work).onFailure(IdempotencyKeyTaken.class).recoverWithUni(raced ->
                        eventStore.findIdempotency(key.key()).map(winner -> replay(request, key, winner.orElseThrow()))));
    }

    /** How a command ended, as the {@code outcome} tag of {@code cqrs_commands} says it. */
    static String outcomeOf(Throwable failure) {
        if (failure == null) {
            return "accepted";
        }
        if (failure instanceof CommandRejected || failure instanceof ClaimTaken || failure instanceof IdempotencyKeyReused) {
            return "rejected";
        }
        if (failure instanceof ForbiddenException) {
            return "forbidden"; // an order of another customer's, found out only once it was loaded
        }
        return failure instanceof VersionConflict ? "conflict" : "failed";
    }

    /** Unwraps an aggregate's decision, turning a rejection into {@link CommandRejected}. */
    public static <E> List<E> accepted(Decision<E> decision) {
        if (decision instanceof Decision.Rejected<E> rejected) {
            throw new CommandRejected(rejected.rejection());
        }
        return ((Decision.Accepted<E>) decision).events();
    }

    /** Refuses the command if the client pinned a version of the main stream that it has moved past. */
    public static void requireExpectedVersion(CommandRequest request, UUID streamId, long actualVersion) {
        if (request.expectedVersion().isPresent() && request.expectedVersion().getAsLong() != actualVersion) {
            throw new VersionConflict(streamId, request.expectedVersion().getAsLong(), "it is at version " + actualVersion);
        }
    }

    private Uni<CommandOutcome> attempt(CommandRequest request, Function<UnitOfWork, Uni<Primary>> work) {
        Uni<CommandOutcome> once = Uni.createFrom().deferred(() -> {
            UnitOfWork unit = new UnitOfWork(eventStore, snapshots);
            return work.apply(unit).chain(primary -> commit(request, unit, primary));
        }).onFailure(VersionConflict.class).invoke(clash ->
                meters.counter("cqrs.commands.conflicts", "operation", request.operation()).increment());
        if (request.expectedVersion().isPresent()) {
            return once; // the client asked to be told, not to have its command decided again
        }
        return once.onFailure(VersionConflict.class).retry()
                .withBackOff(config.conflictBackoff(), config.conflictBackoff().multipliedBy(20)).withJitter(0.5)
                .atMost(config.conflictRetries());
    }

    private Uni<CommandOutcome> commit(CommandRequest request, UnitOfWork unit, Primary primary) {
        boolean appends = unit.hasEvents();
        // The stored result of an idempotent command is the result the caller gets, made the same way.
        Function<AppendResult, CommandOutcome> outcome = result -> new CommandOutcome(primary.streamId(),
                result.versions().getOrDefault(primary.streamId(), unit.versionOf(primary.streamId())),
                result.lastPosition(), primary.attributes());
        Optional<IdempotencyRecord> idempotency = request.idempotencyKey().map(key -> new IdempotencyRecord(
                key.key(), request.operation(), key.fingerprint(), result -> json(outcome.apply(result))));
        return unit.commit(request.context(), idempotency)
                .invoke(() -> {
                    if (appends) {
                        appended.fire(new EventsAppended());
                    }
                })
                .map(outcome);
    }

    private static CommandOutcome replay(CommandRequest request, IdempotencyKey key, StoredIdempotency stored) {
        if (!stored.operation().equals(request.operation()) || !stored.fingerprint().equals(key.fingerprint())) {
            throw new IdempotencyKeyReused(key.key());
        }
        try {
            return JSON.readValue(stored.outcome(), CommandOutcome.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable stored outcome for idempotency key " + key.key(), e);
        }
    }

    private static String json(CommandOutcome outcome) {
        try {
            return JSON.writeValueAsString(outcome);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
