package org.cqrsshop.query.projection;

import java.util.Map;
import java.util.Set;

/**
 * What projecting a batch of delivered events of one view type did, stream by stream.
 *
 * @param written the streams whose view was written, with the write; their events up to the
 *     written version are applied, or duplicates if at or below the previous version
 * @param duplicates the streams whose view already held every event of the batch
 * @param unsettled the streams the batch could not settle: a gap, or a race lost to another
 *     writer; their events must be projected again, one at a time
 */
public record BatchProjection<V extends StreamView>(
        Map<String, ProjectionResult<V>> written, Set<String> duplicates, Set<String> unsettled) {

    public BatchProjection {
        written = Map.copyOf(written);
        duplicates = Set.copyOf(duplicates);
        unsettled = Set.copyOf(unsettled);
    }
}
