package org.cqrsshop.command.graphql;

import io.smallrye.graphql.api.federation.Resolver;
import io.smallrye.graphql.api.federation.link.Import;
import io.smallrye.graphql.api.federation.link.Link;
import org.cqrsshop.command.graphql.WrittenEntities.CartWritten;
import org.cqrsshop.command.graphql.WrittenEntities.OrderWritten;
import org.cqrsshop.command.graphql.WrittenEntities.ProductWritten;
import org.cqrsshop.graphql.errors.InvalidInput;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;

/**
 * This subgraph's side of the written entities: each is its key, id and version, and nothing
 * more, so the gateway gets back what it asks with. Federation wants every entity a subgraph
 * declares to be resolvable (SmallRye cannot mark one otherwise).
 */
@GraphQLApi
// This subgraph speaks Federation 2 (docs/federation.md), with the directives it uses.
@Link(url = Link.FEDERATION_SPEC_LATEST_URL, _import = {@Import(name = "@key"), @Import(name = "@shareable")})
public class WrittenEntityResolvers {

    @Resolver
    public ProductWritten productWritten(@Id String id, int version) {
        return new ProductWritten(checkedId(id), checkedVersion(version));
    }

    @Resolver
    public CartWritten cartWritten(@Id String id, int version) {
        return new CartWritten(checkedId(id), checkedVersion(version));
    }

    @Resolver
    public OrderWritten orderWritten(@Id String id, int version) {
        return new OrderWritten(checkedId(id), checkedVersion(version));
    }

    // Echoed back, an id this app never issues would pass on to the read side as if it had.
    private static String checkedId(String id) {
        Inputs.uuid("representations.id", id);
        return id;
    }

    private static int checkedVersion(int version) {
        if (version < 0) {
            throw new InvalidInput("representations.version", "must be 0 or more");
        }
        return version;
    }
}
