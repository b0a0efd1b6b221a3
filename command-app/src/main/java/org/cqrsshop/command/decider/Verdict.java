package org.cqrsshop.command.decider;

import java.util.Objects;

/** What a rule spanning several aggregates concluded: a value to act on, or why it refuses. */
public sealed interface Verdict<T> {

    record Allowed<T>(T value) implements Verdict<T> {
        public Allowed {
            Objects.requireNonNull(value, "value");
        }
    }

    record Refused<T>(Rejection rejection) implements Verdict<T> {
        public Refused {
            Objects.requireNonNull(rejection, "rejection");
        }
    }

    static <T> Verdict<T> allow(T value) {
        return new Allowed<>(value);
    }

    static <T> Verdict<T> refuse(Rejection rejection) {
        return new Refused<>(rejection);
    }
}
