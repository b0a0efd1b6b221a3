package org.cqrsshop.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cqrsshop.systemtest.faults.CampaignReport.firstOf;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.cqrsshop.systemtest.convergence.ConvergenceReport;
import org.cqrsshop.systemtest.convergence.ReadModelChecker;
import org.cqrsshop.systemtest.faults.CampaignReport;
import org.cqrsshop.systemtest.faults.CampaignSize;
import org.cqrsshop.systemtest.faults.EventStoreAudit;
import org.cqrsshop.systemtest.faults.FaultRecovery;
import org.cqrsshop.systemtest.faults.LocalServers;
import org.cqrsshop.systemtest.faults.ReadModelProgress;
import org.cqrsshop.systemtest.faults.SentCommand;
import org.cqrsshop.systemtest.faults.SteadyLoad;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fault campaign: under a steady load of real commands, the command-app is killed, RabbitMQ is
 * stopped, the query-app is killed in the middle of a batch, MongoDB is stopped and PostgreSQL is
 * restarted, one after another, each followed by a wait for the system to recover on its own.
 * Afterwards nothing acknowledged may be missing from the event store, every committed event must
 * be in the read model exactly once, and nothing may be duplicated.
 *
 * <p>RabbitMQ and PostgreSQL are the machine's own servers, really stopped; other runs sharing
 * them are disturbed for those seconds, and both are started again whatever happens. The campaign
 * runs once, before the tests, which only read what it left. {@code -Dfault.campaign=full} runs
 * the longer, heavier campaign (system-tests/README.md); the figures are printed in one block.
 * Tagged so that failsafe runs it alone, after the classes that run side by side (system-tests/pom.xml).
 */
@Tag(FaultCampaignIT.STOPS_SHARED_SERVERS)
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class FaultCampaignIT {

    static final String STOPS_SHARED_SERVERS = "stops-shared-servers";

    private static final CampaignSize SIZE = CampaignSize.fromSystemProperty();
    private static final long SEED = Long.getLong("fault.campaign.seed", System.nanoTime());
    private static final int PRODUCTS = 8;
    /** Plenty: the load only ever takes a few units at a time, so no order fails for want of stock. */
    private static final int STOCK_PER_PRODUCT = 1_000_000;
    private static final Duration SETTLES_WITHIN = Duration.ofSeconds(60);

    private static ShopSystem shop;
    private static LocalServers servers;
    private static ReadModelChecker checker;
    private static ReadModelProgress readModel;
    private static CampaignReport report;
    /** Why the campaign stopped before its end, if it did. */
    private static Throwable campaignFailure;
    /** Why the read side did not settle after the campaign, if it did not. */
    private static Throwable settleFailure;

    @BeforeAll
    static void runTheCampaign() throws Exception {
        System.out.printf("FaultCampaignIT: %s campaign, seed %d%n", SIZE.name(), SEED);
        Path mongoData = Path.of("target", "fault-campaign", "mongo-" + UUID.randomUUID() + ".h2");
        shop = ShopSystem.startWithPersistentMongo(mongoData);
        servers = new LocalServers(shop.rabbit, shop.postgres);
        checker = new ReadModelChecker(shop.postgres, shop.mongo).describedAs("fault campaign, seed " + SEED);
        readModel = new ReadModelProgress(shop.mongo);
        EventStoreAudit store = new EventStoreAudit(shop.postgres);
        SteadyLoad load = new SteadyLoad(shop.commandApp.graphql(), createProducts(), SIZE, SEED);
        FaultCampaign campaign = new FaultCampaign(shop, servers, SIZE, load, store, readModel);
        try {
            load.start();
            campaign.run();
        } catch (Exception | AssertionError e) {
            campaignFailure = e;
        } finally {
            load.stop();
            servers.restoreEverything();
        }
        ReadSide readSide = new ReadSide(shop);
        try {
            readSide.awaitQuiescence(checker, SETTLES_WITHIN);
        } catch (RuntimeException | AssertionError e) {
            settleFailure = e;
        }
        report = new CampaignReport("Fault campaign (" + SIZE.name() + ", seed " + SEED + ")", load.sent(),
                campaign.recoveries(), store, readModel, readSide.projectionOutcomes());
        report.print(System.out);
    }

    @AfterAll
    static void stopTheShop() throws Exception {
        try {
            if (readModel != null) {
                readModel.close();
            }
            if (checker != null) {
                checker.close();
            }
            if (shop != null) {
                shop.close();
            }
        } finally {
            if (servers != null) {
                servers.close();
            }
        }
    }

    @Test
    void every_fault_is_recovered_from_without_anyone_acting() {
        assertThat(campaignFailure).as("the campaign stopped early").isNull();
        assertThat(report.faults()).hasSize(5).allMatch(FaultRecovery::recovered);
        assertThat(report.count(SentCommand.Fate.ACKNOWLEDGED)).as("acknowledged commands").isPositive();
    }

    @Test
    void no_client_ever_sees_a_server_error_during_a_fault() {
        assertThat(report.sentCount()).as("commands sent").isPositive();
        assertThat(report.serverErrors())
                .as("answers with INTERNAL or without a code, of %d:%s", report.sentCount(), firstOf(report.serverErrors()))
                .isEmpty();
    }

    @Test
    void every_acknowledged_command_is_in_the_event_store() {
        assertThat(report.acknowledgedButNotStored())
                .as("acknowledged commands the event store does not hold:%s", firstOf(report.acknowledgedButNotStored()))
                .isEmpty();
    }

    @Test
    void every_committed_event_is_in_the_read_model_and_every_view_equals_the_fold_of_its_stream() {
        assertThat(settleFailure).as("the read side settled within %s", SETTLES_WITHIN).isNull();
        assertThat(report.eventsMissingFromReadModel()).as("committed events missing from the read model").isZero();
        ConvergenceReport convergence = checker.check();
        assertThat(convergence.differences()).as("views that differ from the fold of their stream: %s", convergence)
                .isEmpty();
    }

    @Test
    void nothing_is_stored_or_projected_twice() {
        assertThat(report.duplicates()).as("duplicated in the store or the read model:%s", firstOf(report.duplicates()))
                .isEmpty();
    }

    /** Admin commands made before the load: products with stock enough for any run. */
    private static List<String> createProducts() {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= PRODUCTS; i++) {
            JsonNode response = GraphQL.post(shop.commandApp.graphql(), "mutation { createProduct(input: {sku: \"FAULT-"
                    + i + "\", name: \"Fault campaign item " + i + "\", description: \"\", price: {amountMinor: "
                    + (100 * i) + ", currency: \"EUR\"}, category: \"kitchen\", stockQuantity: " + STOCK_PER_PRODUCT
                    + "}) { id } }");
            assertThat(response.path("errors").isMissingNode()).as("errors in %s", response).isTrue();
            ids.add(response.path("data").path("createProduct").path("id").asText());
        }
        return ids;
    }
}
