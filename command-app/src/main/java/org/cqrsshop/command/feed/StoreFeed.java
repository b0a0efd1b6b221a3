package org.cqrsshop.command.feed;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.cqrsshop.command.eventstore.StoredEventRows;
import org.cqrsshop.common.event.EventEnvelope;
import org.cqrsshop.common.feed.CommittedEvents;
import org.cqrsshop.common.feed.StoreHead;
import org.cqrsshop.common.feed.StreamEvents;

/**
 * Committed events, read straight from the store for readers that missed some: the read side
 * filling a gap in one view, or rebuilding every view.
 */
@ApplicationScoped
public class StoreFeed {

    private static final String STREAM_AFTER_VERSION = """
            SELECT %s FROM events
            WHERE stream_id = $1 AND stream_version > $2
            ORDER BY stream_version
            LIMIT $3""".formatted(StoredEventRows.COLUMNS);

    private static final String HEAD = """
            SELECT (SELECT coalesce(max(global_position), 0) FROM events) AS head_position,
                   (SELECT count(*) FROM events WHERE global_position > $1) AS pending_events,
                   (SELECT min(occurred_at) FROM events WHERE global_position > $1) AS oldest_pending""";

    private final Pool pool;

    public StoreFeed(Pool pool) {
        this.pool = pool;
    }

    /** Up to {@code limit} events of one stream after {@code afterVersion}, in version order. */
    public Uni<StreamEvents> streamEvents(UUID streamId, long afterVersion, int limit) {
        return pool.preparedQuery(STREAM_AFTER_VERSION).execute(Tuple.of(streamId, afterVersion, limit))
                .map(rows -> {
                    List<EventEnvelope> events = envelopes(rows).events();
                    return new StreamEvents(streamId, events, events.size() == limit);
                });
    }

    /**
     * Up to {@code limit} committed events past the cursor, in the order and with the horizon of
     * the relay, so that a reader never skips a transaction that commits late. The next cursor is
     * the one the reader came with when the page is empty.
     */
    public Uni<CommittedEvents> committedAfter(FeedCursor after, int limit) {
        return pool.preparedQuery(StoredEventRows.COMMITTED_AFTER)
                .execute(Tuple.of(after.transactionId(), after.position(), limit))
                .map(rows -> {
                    Page page = envelopes(rows);
                    FeedCursor next = page.last() == null ? after : page.last();
                    return new CommittedEvents(page.events(), next.encode(), page.events().size() == limit);
                });
    }

    /**
     * How far the store is ahead of a reader at {@code afterPosition}. Counts by position, not in
     * feed order, so it is a lag figure, not a cursor.
     */
    public Uni<StoreHead> head(long afterPosition) {
        return pool.preparedQuery(HEAD).execute(Tuple.of(afterPosition)).map(rows -> {
            Row row = rows.iterator().next();
            OffsetDateTime oldest = row.getOffsetDateTime("oldest_pending");
            return new StoreHead(row.getLong("head_position"), row.getLong("pending_events"),
                    oldest == null ? null : oldest.toInstant());
        });
    }

    private static Page envelopes(RowSet<Row> rows) {
        List<EventEnvelope> events = new ArrayList<>(rows.size());
        FeedCursor last = null;
        for (Row row : rows) {
            events.add(StoredEventRows.toEnvelope(row));
            last = new FeedCursor(row.getString("transaction_id_text"), row.getLong("global_position"));
        }
        return new Page(events, last);
    }

    private record Page(List<EventEnvelope> events, FeedCursor last) {}
}
