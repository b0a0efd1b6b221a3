package org.cqrsshop.command.handling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.cqrsshop.command.eventstore.PgEventStore;
import org.cqrsshop.command.product.Product;
import org.cqrsshop.command.product.ProductCommand.AdjustStock;
import org.cqrsshop.command.product.ProductDecider;
import org.cqrsshop.command.snapshot.Snapshots;
import org.cqrsshop.command.testing.StoredEvents;
import org.cqrsshop.common.event.DomainEvent;
import org.cqrsshop.common.event.EventTypes;
import org.cqrsshop.common.event.product.ProductEvent;
import org.cqrsshop.common.event.product.ProductStockAdjusted;
import org.cqrsshop.common.id.ProductId;
import org.cqrsshop.testing.InfrastructureTestResource;
import org.cqrsshop.testing.Patience;
import org.cqrsshop.testing.TestPostgres;
import org.junit.jupiter.api.Test;

/** A long stream loads from its snapshot, and the snapshot is only ever an optimisation. */
@QuarkusTest
@WithTestResource(value = InfrastructureTestResource.class,
        initArgs = @ResourceArg(name = "needs", value = "postgres,rabbitmq"))
class SnapshotLoadingTest {

    private static final Duration WAIT = Patience.SERVICE;

    @Inject
    PgEventStore eventStore;

    @Inject
    Snapshots snapshots;

    @Inject
    CommandHandler handler;

    TestPostgres postgres;

    @Test
    void a_stream_of_1200_events_loads_from_its_snapshot_and_equals_the_full_fold() throws Exception {
        ProductId product = ProductId.random();
        UUID stream = product.value();
        StoredEvents.append(eventStore, EventTypes.PRODUCT_STREAM, stream, 0, StoredEvents.productCreated(product));
        long version = 1;
        int stock = 1;
        while (version < 1199) {
            List<DomainEvent> batch = new ArrayList<>();
            for (int i = 0; i < 200 && version + batch.size() < 1199; i++) {
                stock++;
                batch.add(new ProductStockAdjusted(product, 1, stock, "delivery " + stock));
            }
            version = StoredEvents.append(eventStore, EventTypes.PRODUCT_STREAM, stream, version,
                    batch.toArray(DomainEvent[]::new));
        }
        // The 1200th event goes through the command path, which takes a snapshot at every 100th.
        handler.handle(request(), ProductDecider.DECIDER, stream, new AdjustStock(product, 1, "delivery"))
                .await().atMost(WAIT);
        await().atMost(WAIT).until(() -> snapshotVersion(stream) == 1200);

        Product fullFold = fullFold(stream);
        assertThat(fullFold).isInstanceOf(Product.Active.class);
        assertThat(((Product.Active) fullFold).stock()).isEqualTo(1200);
        assertThat(loadThroughSnapshot(stream)).isEqualTo(fullFold);

        // Events after the snapshot are folded on top of it.
        StoredEvents.append(eventStore, EventTypes.PRODUCT_STREAM, stream, 1200,
                new ProductStockAdjusted(product, -200, 1000, "stocktake"));
        assertThat(loadThroughSnapshot(stream)).isEqualTo(fullFold(stream));

        // The loader really reads the snapshot: a doctored one shows through ...
        execute("UPDATE snapshots SET state = jsonb_set(state, '{details,name}', '\"Doctored\"') WHERE stream_id = '"
                + stream + "'");
        assertThat(((Product.Active) loadThroughSnapshot(stream)).details().name()).isEqualTo("Doctored");
        // ... and without any snapshot the state is the same as with a true one.
        execute("DELETE FROM snapshots");
        assertThat(loadThroughSnapshot(stream)).isEqualTo(fullFold(stream));
    }

    private Product loadThroughSnapshot(UUID stream) {
        return new UnitOfWork(eventStore, snapshots).load(ProductDecider.DECIDER, stream).await().atMost(WAIT);
    }

    private Product fullFold(UUID stream) {
        List<ProductEvent> events = eventStore.loadStream(stream, 0).await().atMost(WAIT).events().stream()
                .map(ProductEvent.class::cast).toList();
        return ProductDecider.DECIDER.fold(events);
    }

    private long snapshotVersion(UUID stream) throws Exception {
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT stream_version FROM snapshots WHERE stream_id = '" + stream + "'")) {
            return row.next() ? row.getLong(1) : 0;
        }
    }

    private void execute(String sql) throws Exception {
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    private static CommandRequest request() {
        return new CommandRequest("adjustStock", new CommandContext(UUID.randomUUID(), UUID.randomUUID(), null, Instant.now()),
                OptionalLong.empty(), Optional.empty());
    }
}
