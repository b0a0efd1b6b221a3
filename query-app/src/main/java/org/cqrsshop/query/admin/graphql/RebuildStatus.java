package org.cqrsshop.query.admin.graphql;

import java.time.Instant;
import org.cqrsshop.query.rebuild.RebuildProgress;
import org.cqrsshop.query.rebuild.RebuildState;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("RebuildStatus")
@Description("The last read model rebuild.")
public record RebuildStatus(
        @NonNull RebuildState state,
        Instant startedAt,
        Instant finishedAt,
        @NonNull @Description("Events replayed so far") long eventsApplied,
        @NonNull @Description("Replay speed so far") double eventsPerSecond,
        @NonNull @Description("Global position of the last event replayed") long lastPosition,
        @Description("Why it failed, when it did") String error) {

    static RebuildStatus of(RebuildProgress progress) {
        return new RebuildStatus(progress.state(), progress.startedAt(), progress.finishedAt(), progress.eventsApplied(),
                progress.eventsPerSecond(), progress.lastPosition(), progress.error());
    }
}
