package org.cqrsshop.command.outbox;

import org.cqrsshop.common.event.EventEnvelope;

/**
 * A committed event on its way to the broker, with the trace context it was appended under.
 *
 * @param traceParent W3C traceparent of the append, or {@code null} when tracing was off
 */
record RelayedEvent(EventEnvelope envelope, String traceParent) {}
