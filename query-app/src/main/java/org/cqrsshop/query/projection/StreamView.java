package org.cqrsshop.query.projection;

import org.bson.codecs.pojo.annotations.BsonId;

/**
 * What every view document shares: it mirrors one event stream, and {@code version} is the
 * stream version of the last event folded into it. Every write is conditional on that version,
 * which makes redelivery harmless and lets a gap be seen.
 */
public abstract class StreamView {

    @BsonId
    public String id;
    public long version;
    /** Global position of the last event applied, for tracing a view back to the store. */
    public long lastPosition;
}
