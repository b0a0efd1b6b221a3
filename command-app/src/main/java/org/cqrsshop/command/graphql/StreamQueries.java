package org.cqrsshop.command.graphql;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.NotNull;
import org.cqrsshop.command.eventstore.PgEventStore;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Query;

/**
 * The write side answers one question only: how far a stream has got. Everything else is read
 * from the query-app.
 */
@GraphQLApi
public class StreamQueries {

    private final PgEventStore eventStore;

    public StreamQueries(PgEventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Query
    @Authenticated
    @Description("The current version of an aggregate, read from the event store (0 if it has no events). "
            + "Strongly consistent, unlike the query-app; use it to fill expectedVersion.")
    public Uni<Integer> streamVersion(@NotNull @Id String id) {
        return eventStore.streamVersion(Inputs.uuid("id", id)).map(Math::toIntExact);
    }
}
