package org.cqrsshop.telemetry;

/** The keys both apps put in the logging context, so that one request's lines share them on both sides. */
public final class LogContext {

    /** The correlation id an event carries from the request that caused it (docs/observability.md). */
    public static final String CORRELATION_ID = "correlationId";

    private LogContext() {}
}
