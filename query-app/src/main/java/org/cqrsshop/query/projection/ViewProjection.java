package org.cqrsshop.query.projection;

import com.mongodb.client.model.IndexModel;
import java.util.List;
import org.cqrsshop.common.event.EventEnvelope;

/**
 * How the events of one stream type fold into one kind of view document. Implementations are
 * pure: ordering, duplicates, gaps and storage are handled once, by {@link Projections} and
 * {@link ViewProjector}, for every view.
 */
public interface ViewProjection<V extends StreamView> {

    /** The stream type whose events this projection reads, e.g. {@code product}. */
    String streamType();

    /** The MongoDB collection the views live in. */
    String collection();

    Class<V> viewType();

    /**
     * The view after {@code envelope}, which is the next event of its stream. Must not change
     * {@code current}: it may still be the stored state a conditional write compares against.
     *
     * @param current the view before the event, or {@code null} before the stream's first event
     */
    V evolve(V current, EventEnvelope envelope);

    /** The indexes the queries over these views rely on; created on every start and before a rebuild switches. */
    default List<IndexModel> indexes() {
        return List.of();
    }
}
