package org.cqrsshop.command.eventstore;

import org.cqrsshop.common.error.ErrorCode;

/** An append tried to claim a unique value that another stream holds; nothing was written. */
public class ClaimTaken extends RuntimeException {

    private final String scope;
    private final String value;
    private final ErrorCode code;

    public ClaimTaken(String scope, String value, ErrorCode code) {
        super(scope + " " + value + " is already taken", null, false, false);
        this.scope = scope;
        this.value = value;
        this.code = code;
    }

    public String scope() {
        return scope;
    }

    public String value() {
        return value;
    }

    public ErrorCode code() {
        return code;
    }
}
