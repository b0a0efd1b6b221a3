package org.cqrsshop.command.decider;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/**
 * Given past events, when a command, then new events or a rejection: the one way decider tests
 * are written, so each reads like the rule it pins.
 */
public final class DeciderSpec<C, E, S> {

    private final Decider<C, E, S> decider;
    private List<E> history = List.of();
    private C command;

    private DeciderSpec(Decider<C, E, S> decider) {
        this.decider = decider;
    }

    public static <C, E, S> DeciderSpec<C, E, S> of(Decider<C, E, S> decider) {
        return new DeciderSpec<>(decider);
    }

    @SafeVarargs
    public final DeciderSpec<C, E, S> given(E... events) {
        history = List.of(events);
        return this;
    }

    public DeciderSpec<C, E, S> when(C command) {
        this.command = command;
        return this;
    }

    @SafeVarargs
    public final void then(E... expected) {
        Decision<E> decision = decide();
        assertThat(decision).isInstanceOf(Decision.Accepted.class);
        assertThat(((Decision.Accepted<E>) decision).events()).containsExactly(expected);
    }

    public void thenRejected(Rejection expected) {
        assertThat(decide()).isEqualTo(Decision.reject(expected));
    }

    private Decision<E> decide() {
        return decider.decide().apply(command, decider.fold(history));
    }
}
