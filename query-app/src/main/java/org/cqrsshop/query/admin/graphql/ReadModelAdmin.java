package org.cqrsshop.query.admin.graphql;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.cqrsshop.graphql.auth.Roles;
import org.cqrsshop.query.freshness.FreshnessMonitor;
import org.cqrsshop.query.inbox.DeadLetterQueue;
import org.cqrsshop.query.rebuild.ReadModelRebuild;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/** Operating the read model: how fresh it is, rebuilding it, and re-driving dead letters. */
@GraphQLApi
@RolesAllowed(Roles.ADMIN)
public class ReadModelAdmin {

    private final FreshnessMonitor freshness;
    private final ReadModelRebuild rebuild;
    private final DeadLetterQueue deadLetters;

    public ReadModelAdmin(FreshnessMonitor freshness, ReadModelRebuild rebuild, DeadLetterQueue deadLetters) {
        this.freshness = freshness;
        this.rebuild = rebuild;
        this.deadLetters = deadLetters;
    }

    @Query
    @NonNull
    @Description("How far the read model trails the event store, the dead-letter queue's size, and the last rebuild.")
    public Uni<ReadModelStatus> readModelStatus() {
        return Uni.combine().all().unis(freshness.measure(), rebuild.progress()).with(ReadModelStatus::of);
    }

    @Mutation
    @NonNull
    @Description("Replays the whole event store into fresh views, then swaps them in; reads go on meanwhile. "
            + "Returns at once; follow readModelStatus.rebuild. Fails with REBUILD_IN_PROGRESS while one runs.")
    public Uni<RebuildStatus> rebuildReadModel() {
        return rebuild.start().map(RebuildStatus::of);
    }

    @Mutation
    @NonNull
    @Description("Moves up to `limit` messages from the dead-letter queue back to the projections, oldest first. "
            + "Returns how many were moved; those that fail again return to the dead-letter queue.")
    public Uni<Integer> redriveDeadLetters(@DefaultValue("100") @Min(1) @Max(10_000) int limit) {
        return deadLetters.redrive(limit);
    }
}
