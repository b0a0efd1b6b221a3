package org.cqrsshop.query.change;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.cqrsshop.query.feed.FakeEventFeedResource;
import org.cqrsshop.testing.InfrastructureTestResource;
import org.cqrsshop.testing.Patience;
import org.junit.jupiter.api.Test;

/** The bounds that keep one subscription from costing the others, or the replica, without limit. */
@QuarkusTest
@WithTestResource(value = InfrastructureTestResource.class,
        initArgs = @ResourceArg(name = "needs", value = "rabbitmq,mongodb,redis"))
@WithTestResource(FakeEventFeedResource.class)
class ChangeHubTest {

    private static final Interest EVERY_PRODUCT = Interest.each("product", change -> true);
    private static final Interest NO_PRODUCT = Interest.each("product", change -> false);

    @Inject
    ChangeHub hub;

    @Inject
    SubscriptionConfig config;

    @Test
    void a_subscription_that_stops_taking_notices_is_ended_when_its_buffer_is_full_and_the_others_get_everything() {
        AssertSubscriber<ViewChange> stuck = hub.listen(EVERY_PRODUCT).subscribe().withSubscriber(AssertSubscriber.create(0));
        AssertSubscriber<ViewChange> keen =
                hub.listen(EVERY_PRODUCT).subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));

        // Beyond its buffer, a subscription holds a few notices on their way to the client.
        int notices = config.bufferSize() + 64;
        for (int version = 1; version <= notices; version++) {
            hub.deliver(notice(version));
            if (version % 32 == 0) {
                // At the pace a healthy client takes them; the test thread alone could outrun any.
                keen.awaitItems(version, Patience.SERVICE);
            }
        }

        keen.awaitItems(notices, Patience.SERVICE);
        // When the stuck one takes again, it gets what was already on its way, then the end.
        stuck.request(Long.MAX_VALUE);
        stuck.awaitFailure(Patience.SERVICE).assertFailedWith(SubscriberTooSlow.class, "fell " + config.bufferSize() + " notifications behind");
        assertThat(stuck.getItems()).hasSizeLessThan(notices - config.bufferSize());
        assertThat(keen.getItems()).extracting(ViewChange::version).isSorted();
        keen.cancel();
    }

    @Test
    void past_the_configured_number_of_subscriptions_one_more_is_refused_and_an_ended_one_frees_its_place() {
        List<AssertSubscriber<ViewChange>> open = new ArrayList<>();
        try {
            while (open.size() < config.maxActive()) {
                open.add(hub.listen(NO_PRODUCT).subscribe().withSubscriber(AssertSubscriber.create(1)));
            }
            hub.listen(NO_PRODUCT).subscribe().withSubscriber(AssertSubscriber.create(1))
                    .assertFailedWith(SubscriptionLimitReached.class, "limit of " + config.maxActive());

            open.remove(0).cancel();
            AssertSubscriber<ViewChange> admitted =
                    hub.listen(NO_PRODUCT).subscribe().withSubscriber(AssertSubscriber.create(1));
            admitted.assertNotTerminated();
            open.add(admitted);
        } finally {
            open.forEach(AssertSubscriber::cancel);
        }
    }

    private static ViewChange notice(long version) {
        return new ViewChange("product", UUID.randomUUID().toString(), version, version - 1, version - 1, version,
                JsonNodeFactory.instance.objectNode(), null);
    }
}
