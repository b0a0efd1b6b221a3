package org.cqrsshop.command.handling;

import org.cqrsshop.command.decider.Rejection;

/** Carries a decider's rejection out of the reactive pipeline to the API boundary. */
public class CommandRejected extends RuntimeException {

    private final transient Rejection rejection;

    public CommandRejected(Rejection rejection) {
        super(rejection.message(), null, false, false);
        this.rejection = rejection;
    }

    public Rejection rejection() {
        return rejection;
    }
}
