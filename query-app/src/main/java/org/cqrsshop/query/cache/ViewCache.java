package org.cqrsshop.query.cache;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The Redis cache of hot reads. */
@ApplicationScoped
public class ViewCache {

    /** Forgets everything cached from the view of this stream, lists it appears in included. */
    public Uni<Void> invalidate(String streamType, String streamId) {
        return Uni.createFrom().voidItem();
    }

    /** Forgets everything, e.g. once a rebuild swapped in new views. */
    public Uni<Void> invalidateAll() {
        return Uni.createFrom().voidItem();
    }
}
