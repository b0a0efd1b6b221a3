package org.cqrsshop.command.decider;

import java.util.List;
import java.util.function.BiFunction;

/**
 * An aggregate as three pure functions: its state before any event, how an event changes the
 * state, and what a command decides given the state. The command handler needs nothing else to
 * load, decide and append, whichever aggregate it serves.
 *
 * @param streamType the stream type its events are stored under
 * @param eventType the root of its sealed event family, to check what a stream holds
 */
public record Decider<C, E, S>(
        String streamType,
        Class<E> eventType,
        S initialState,
        BiFunction<S, E, S> evolve,
        BiFunction<C, S, Decision<E>> decide) {

    public S fold(List<E> events) {
        S state = initialState;
        for (E event : events) {
            state = evolve.apply(state, event);
        }
        return state;
    }
}
