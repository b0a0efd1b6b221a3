-- The W3C traceparent of the span that appended the event, so that the relay, which publishes it
-- later and from another request, can continue the same trace (docs/observability.md). Null when
-- tracing was off; nothing but telemetry reads it.
ALTER TABLE events ADD COLUMN trace_parent TEXT;
