package org.cqrsshop.command.decider;

import java.util.List;
import java.util.Objects;

/** What a decider concluded about a command: the events to record, or why it refuses. */
public sealed interface Decision<E> {

    /** The command is accepted; an empty list means it changes nothing. */
    record Accepted<E>(List<E> events) implements Decision<E> {
        public Accepted {
            events = List.copyOf(events);
        }
    }

    record Rejected<E>(Rejection rejection) implements Decision<E> {
        public Rejected {
            Objects.requireNonNull(rejection, "rejection");
        }
    }

    @SafeVarargs
    static <E> Decision<E> accept(E... events) {
        return new Accepted<>(List.of(events));
    }

    static <E> Decision<E> reject(Rejection rejection) {
        return new Rejected<>(rejection);
    }
}
