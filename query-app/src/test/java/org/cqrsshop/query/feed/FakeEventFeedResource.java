package org.cqrsshop.query.feed;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Starts a {@link FakeEventFeed}, points the query-app at it, and injects it into the test's field.
 * Every {@code @QuarkusTest} of the query-app declares this and the same infrastructure, so that
 * all of them share one app: SmallRye GraphQL keeps its error translation in a static that an app
 * restarted for other resources cannot replace, and errors would then come out as INTERNAL.
 */
public class FakeEventFeedResource implements QuarkusTestResourceLifecycleManager {

    private FakeEventFeed feed;

    @Override
    public Map<String, String> start() {
        try {
            feed = new FakeEventFeed();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("quarkus.rest-client.event-feed.url", feed.url());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(feed, new TestInjector.MatchesType(FakeEventFeed.class));
    }

    @Override
    public void stop() {
        if (feed != null) {
            feed.close();
        }
    }
}
