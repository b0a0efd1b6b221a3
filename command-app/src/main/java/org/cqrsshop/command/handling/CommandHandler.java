package org.cqrsshop.command.handling;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import org.cqrsshop.command.decider.Decider;
import org.cqrsshop.command.decider.Decision;
import org.cqrsshop.command.eventstore.LoadedStream;
import org.cqrsshop.command.eventstore.NewEvent;
import org.cqrsshop.command.eventstore.PgEventStore;
import org.cqrsshop.command.eventstore.VersionConflict;
import org.cqrsshop.common.event.DomainEvent;

/**
 * Runs any aggregate's command: load its stream, fold the state, decide, append with an
 * optimistic check. All business rules live in the decider; this class only moves data.
 */
@ApplicationScoped
public class CommandHandler {

    private final PgEventStore eventStore;
    private final Event<EventsAppended> appended;

    public CommandHandler(PgEventStore eventStore, Event<EventsAppended> appended) {
        this.eventStore = eventStore;
        this.appended = appended;
    }

    /**
     * @param expectedVersion the version the client last saw, if it wants the command refused
     *     with a {@link VersionConflict} when the stream has moved on since
     */
    public <C, E extends DomainEvent, S> Uni<CommandOutcome> handle(
            Decider<C, E, S> decider, UUID streamId, C command, OptionalLong expectedVersion, CommandContext context) {
        return eventStore.loadStream(streamId)
                .map(stream -> decide(decider, stream, command, expectedVersion, context))
                .chain(plan -> eventStore
                        .append(streamId, decider.streamType(), plan.baseVersion(), plan.events())
                        .invoke(version -> {
                            if (!plan.events().isEmpty()) {
                                appended.fire(new EventsAppended(plan.events().size()));
                            }
                        }))
                .map(version -> new CommandOutcome(streamId, version));
    }

    private record Plan(long baseVersion, List<NewEvent> events) {}

    private static <C, E extends DomainEvent, S> Plan decide(
            Decider<C, E, S> decider, LoadedStream stream, C command, OptionalLong expectedVersion,
            CommandContext context) {
        if (expectedVersion.isPresent() && expectedVersion.getAsLong() != stream.version()) {
            throw new VersionConflict(stream.streamId(), expectedVersion.getAsLong(),
                    "it is at version " + stream.version());
        }
        List<E> history = new ArrayList<>(stream.events().size());
        for (DomainEvent event : stream.events()) {
            history.add(decider.eventType().cast(event));
        }
        Decision<E> decision = decider.decide().apply(command, decider.fold(history));
        if (decision instanceof Decision.Rejected<E> rejected) {
            throw new CommandRejected(rejected.rejection());
        }
        List<E> events = ((Decision.Accepted<E>) decision).events();
        List<NewEvent> toAppend = new ArrayList<>(events.size());
        for (E event : events) {
            toAppend.add(new NewEvent(UUID.randomUUID(), event, context.receivedAt(), context.correlationId(),
                    context.commandId(), context.actor()));
        }
        return new Plan(stream.version(), toAppend);
    }
}
