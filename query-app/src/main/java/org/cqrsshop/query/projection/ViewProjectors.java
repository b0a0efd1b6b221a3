package org.cqrsshop.query.projection;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.cqrsshop.query.feed.EventFeedClient;
import org.jboss.logging.Logger;

/** The live projector of each stream type. */
@ApplicationScoped
public class ViewProjectors {

    private static final Logger LOG = Logger.getLogger(ViewProjectors.class);

    private final Map<String, ViewProjector<?>> byStreamType = new HashMap<>();
    private final ViewCollections collections;

    public ViewProjectors(ViewCollections collections, EventFeedClient feed) {
        this.collections = collections;
        for (ViewProjection<?> projection : collections.projections()) {
            byStreamType.put(projection.streamType(), projector(projection, collections, feed));
        }
    }

    private static <V extends StreamView> ViewProjector<V> projector(
            ViewProjection<V> projection, ViewCollections collections, EventFeedClient feed) {
        return new ViewProjector<>(projection, collections.live(projection), feed);
    }

    /** The live projector of the projection. */
    @SuppressWarnings("unchecked")
    public <V extends StreamView> ViewProjector<V> of(ViewProjection<V> projection) {
        return (ViewProjector<V>) byStreamType.get(projection.streamType());
    }

    public Optional<ViewProjector<?>> forStreamType(String streamType) {
        return Optional.ofNullable(byStreamType.get(streamType));
    }

    void createIndexes(@Observes StartupEvent started) {
        collections.createLiveIndexes().subscribe().with(
                done -> LOG.debug("View indexes are in place"),
                failure -> LOG.warnf(failure, "Could not create the view indexes; queries get slower"));
    }
}
