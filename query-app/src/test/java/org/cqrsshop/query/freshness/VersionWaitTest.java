package org.cqrsshop.query.freshness;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.cqrsshop.common.id.ProductId;
import org.cqrsshop.query.product.ProductEvents;
import org.cqrsshop.query.product.ProductView;
import org.cqrsshop.query.projection.AppliedEvents;
import org.junit.jupiter.api.Test;

class VersionWaitTest {

    private static final Duration POLL = Duration.ofMillis(100);

    @Test
    void a_wait_pauses_until_the_next_poll_or_the_deadline_whichever_comes_first() {
        assertThat(VersionWait.pause(Duration.ofSeconds(3), POLL)).isEqualTo(POLL);
        assertThat(VersionWait.pause(Duration.ofMillis(40), POLL)).isEqualTo(Duration.ofMillis(40));
    }

    /** CI run 1 of stop 22: less than a millisecond before the deadline, the timer threw and the query hung for good. */
    @Test
    void a_deadline_under_a_millisecond_away_still_gets_a_timer_vertx_can_set() {
        assertThat(VersionWait.pause(Duration.ofNanos(400_000), POLL)).isEqualTo(Duration.ofMillis(1));
        assertThat(VersionWait.pause(Duration.ofNanos(1), POLL)).isEqualTo(Duration.ofMillis(1));
    }

    /**
     * Partitions apply events on threads of their own; a query woken there would read MongoDB
     * outside its request's context, which Panache refuses (ReadYourWritesIT found it).
     */
    @Test
    void a_query_woken_by_a_projection_on_another_thread_reads_again_on_its_own_context() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            AppliedEvents applied = new AppliedEvents();
            VersionWait wait = new VersionWait(applied, config(Duration.ofSeconds(30), Duration.ofSeconds(30)));
            ProductId mug = ProductId.random();
            AtomicLong projectedVersion = new AtomicLong();
            List<Context> readOn = new CopyOnWriteArrayList<>();
            CompletableFuture<ProductView> answer = new CompletableFuture<>();
            Context query = vertx.getOrCreateContext();

            query.runOnContext(start -> wait.atLeast("product", mug.toString(), 1L, () -> {
                ProductView view = new ProductView();
                view.id = mug.toString();
                view.version = projectedVersion.get();
                readOn.add(Vertx.currentContext());
                return Uni.createFrom().item(view);
            }).subscribe().with(answer::complete, answer::completeExceptionally));
            while (readOn.isEmpty()) {
                Thread.sleep(10);
            }
            // Until the query is answered: a signal sent before the wait subscribed is not seen,
            // and the next poll is too far off to answer it instead.
            Thread projection = new Thread(() -> {
                projectedVersion.set(1);
                while (!answer.isDone()) {
                    applied.record(ProductEvents.created(mug, "Mug"));
                    sleep(Duration.ofMillis(20));
                }
            });
            projection.start();

            assertThat(answer.get(10, TimeUnit.SECONDS).version).isEqualTo(1);
            assertThat(readOn).hasSize(2).allSatisfy(context -> assertThat(context).isSameAs(query));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static FreshnessConfig config(Duration waitTimeout, Duration pollInterval) {
        return new FreshnessConfig() {
            @Override
            public Duration waitTimeout() {
                return waitTimeout;
            }

            @Override
            public Duration pollInterval() {
                return pollInterval;
            }

            @Override
            public Duration refreshInterval() {
                return pollInterval;
            }
        };
    }
}
