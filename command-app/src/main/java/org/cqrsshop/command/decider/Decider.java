package org.cqrsshop.command.decider;

import java.util.List;
import java.util.function.BiFunction;

/**
 * An aggregate as pure functions: its state before any event, how an event changes the state,
 * what a command decides given the state, and which unique values its events claim or release.
 * The command handler needs nothing else to load, decide and append, whichever aggregate it
 * serves.
 *
 * @param streamType the stream type its events are stored under
 * @param eventType the root of its sealed event family, to check what a stream holds
 * @param claims unique values that new events, applied to the given state, take or give up
 */
public record Decider<C, E, S>(
        String streamType,
        Class<E> eventType,
        S initialState,
        BiFunction<S, E, S> evolve,
        BiFunction<C, S, Decision<E>> decide,
        BiFunction<S, List<E>, List<ClaimChange>> claims) {

    public static <C, E, S> Decider<C, E, S> of(
            String streamType, Class<E> eventType, S initialState, BiFunction<S, E, S> evolve,
            BiFunction<C, S, Decision<E>> decide) {
        return new Decider<>(streamType, eventType, initialState, evolve, decide, (state, events) -> List.of());
    }

    public Decider<C, E, S> withClaims(BiFunction<S, List<E>, List<ClaimChange>> claims) {
        return new Decider<>(streamType, eventType, initialState, evolve, decide, claims);
    }

    public S fold(List<E> events) {
        return fold(initialState, events);
    }

    public S fold(S from, List<E> events) {
        S state = from;
        for (E event : events) {
            state = evolve.apply(state, event);
        }
        return state;
    }
}
