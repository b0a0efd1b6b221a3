package org.cqrsshop.query.admin.graphql;

import org.cqrsshop.query.freshness.Freshness;
import org.cqrsshop.query.rebuild.RebuildProgress;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("ReadModelStatus")
@Description("How fresh the read model is. The same figures are exported as cqrs.read_model.* metrics.")
public record ReadModelStatus(
        @NonNull @Description("Highest global event position applied to the views") long lastAppliedPosition,
        @NonNull @Description("Global position of the newest event in the store; -1, like the lag figures, "
                + "when the store cannot be asked") long headPosition,
        @NonNull @Description("Events in the store past lastAppliedPosition") long lagEvents,
        @NonNull @Description("How long ago the oldest of those happened; 0 when none") long lagMilliseconds,
        @NonNull @Description("Messages in the dead-letter queue; -1 when the broker cannot be asked") long deadLetters,
        @NonNull RebuildStatus rebuild) {

    static ReadModelStatus of(Freshness freshness, RebuildProgress rebuild) {
        return new ReadModelStatus(freshness.lastAppliedPosition(), freshness.headPosition(), freshness.lagEvents(),
                freshness.lagMillis(), freshness.deadLetters(), RebuildStatus.of(rebuild));
    }
}
