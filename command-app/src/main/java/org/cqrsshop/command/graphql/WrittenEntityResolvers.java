package org.cqrsshop.command.graphql;

import io.smallrye.graphql.api.federation.Resolver;
import io.smallrye.graphql.api.federation.link.Import;
import io.smallrye.graphql.api.federation.link.Link;
import org.cqrsshop.command.graphql.WrittenEntities.CartWritten;
import org.cqrsshop.command.graphql.WrittenEntities.OrderWritten;
import org.cqrsshop.command.graphql.WrittenEntities.ProductWritten;
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
        return new ProductWritten(id, version);
    }

    @Resolver
    public CartWritten cartWritten(@Id String id, int version) {
        return new CartWritten(id, version);
    }

    @Resolver
    public OrderWritten orderWritten(@Id String id, int version) {
        return new OrderWritten(id, version);
    }
}
