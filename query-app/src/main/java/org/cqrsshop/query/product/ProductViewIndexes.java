package org.cqrsshop.query.product;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Creates the indexes the product queries rely on. Creating an existing index is a no-op, so
 * every start may do it.
 */
public class ProductViewIndexes {

    private static final Logger LOG = Logger.getLogger(ProductViewIndexes.class);

    void create(@Observes StartupEvent started, ProductViewRepository views) {
        views.mongoCollection()
                .createIndex(Indexes.ascending("deleted", "name", "_id"), new IndexOptions().name("list_by_name"))
                .subscribe().with(
                        name -> LOG.debugf("Index %s is in place", name),
                        failure -> LOG.warnf(failure, "Could not create the product list index; lists get slower"));
    }
}
