package org.cqrsshop.command.graphql;

import io.smallrye.graphql.api.federation.FieldSet;
import io.smallrye.graphql.api.federation.Key;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/**
 * What a mutation wrote, as references to the read side's entities (docs/federation.md). This
 * subgraph knows only the id and the version it wrote; through the gateway, every other field
 * comes from the query-app, which answers once its view holds at least that version. The key
 * carries the version so that the query-app can wait for it: read-your-writes across subgraphs.
 * Since the key is all this subgraph holds of them, it resolves them from the key alone
 * ({@link WrittenEntityResolvers}). {@code @Name} repeats the type's name because SmallRye finds
 * the GraphQL type of a resolved entity by that annotation or the Java class's simple name, never
 * by {@code @Type}: without it, every well-formed {@code _entities} request failed with HTTP 500.
 */
public final class WrittenEntities {

    private static final String AT_VERSION = "id version";

    private WrittenEntities() {}

    @Type("Product")
    @Name("Product")
    @Key(fields = @FieldSet(AT_VERSION))
    @Description("A product at least at the version a mutation wrote. Through the gateway it has every field of the"
            + " read side's Product.")
    public record ProductWritten(@NonNull @Id String id, int version) {}

    @Type("Order")
    @Name("Order")
    @Key(fields = @FieldSet(AT_VERSION))
    @Description("An order at least at the version a mutation wrote. Through the gateway it has every field of the"
            + " read side's Order.")
    public record OrderWritten(@NonNull @Id String id, int version) {}

    @Type("Cart")
    @Name("Cart")
    @Key(fields = @FieldSet(AT_VERSION))
    @Description("A cart at least at the version a mutation wrote. Through the gateway it has every field of the read"
            + " side's Cart.")
    public record CartWritten(@NonNull @Id String id, int version) {}
}
