package org.cqrsshop.common.event.json;

/**
 * Bytes that are not a valid event: malformed JSON, an unknown type or schema version, or a
 * payload that breaks the event's own invariants. Retrying cannot fix such a message.
 */
public class EventDecodingException extends RuntimeException {

    public EventDecodingException(String message, Throwable cause) {
        super(message, cause);
    }

    public EventDecodingException(String message) {
        super(message);
    }
}
