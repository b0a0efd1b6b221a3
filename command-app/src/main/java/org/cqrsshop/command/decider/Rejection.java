package org.cqrsshop.command.decider;

import java.util.Map;
import org.cqrsshop.common.error.ErrorCode;

/** A business rule that refuses a command. Each aggregate has a sealed family of these. */
public interface Rejection {

    /** The stable code clients see in {@code extensions.code}. */
    ErrorCode code();

    /** A sentence for people; it may name ids from the command, never internal state. */
    String message();

    /** Facts a client can act on, such as the stock still available; docs/errors.md lists them per code. */
    default Map<String, Object> details() {
        return Map.of();
    }
}
