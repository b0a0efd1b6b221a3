package org.cqrsshop.telemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A span's W3C {@code traceparent}: the one string an event keeps, in the store, in its RabbitMQ
 * message and in the change notice it causes, so that work done later and elsewhere (the relay's
 * publish, the projection, the subscription's notification) continues the trace of the mutation
 * instead of starting a new one (docs/observability.md).
 */
public final class TraceParent {

    /** The header (and notice field) name, as W3C Trace Context spells it. */
    public static final String HEADER = "traceparent";

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    /** Reads the one header from its value alone; a RabbitMQ header arrives as a LongString, hence toString. */
    private static final TextMapGetter<Object> HEADER_VALUE = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Object value) {
            return List.of(HEADER);
        }

        @Override
        public String get(Object value, String key) {
            return value != null && HEADER.equals(key) ? value.toString() : null;
        }
    };

    private TraceParent() {}

    /** The current span's traceparent, or {@code null} when none is recording (tracing is off). */
    public static String ofCurrentSpan() {
        return of(Span.current());
    }

    /** The span's traceparent, or {@code null} when it records nothing. */
    public static String of(Span span) {
        if (!span.getSpanContext().isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>(2);
        W3C.inject(Context.root().with(span), carrier, Map::put);
        return carrier.get(HEADER);
    }

    /**
     * The context to start a span in, under the span {@code traceParent} names; the root context (a
     * new trace) when it is absent or unreadable.
     */
    public static Context parentFrom(Object traceParent) {
        return traceParent == null ? Context.root() : W3C.extract(Context.root(), traceParent, HEADER_VALUE);
    }
}
