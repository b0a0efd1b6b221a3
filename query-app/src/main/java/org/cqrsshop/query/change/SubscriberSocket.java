package org.cqrsshop.query.change;

import io.netty.channel.Channel;
import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The socket a subscription's results leave by. SmallRye GraphQL asks for the next result as soon
 * as it has handed one to the socket, whether the client reads or not, so a client that stopped
 * reading would pile results up in the server's memory. Here each result waits until the socket
 * can take more (Netty's writability, above its write buffer's high-water mark), so that a stuck
 * client's notices stay in its subscription's bounded queue, which ends it with
 * SUBSCRIBER_TOO_SLOW when full.
 */
final class SubscriberSocket {

    /** Results that no socket of ours carries, such as a subscription made outside a request, never wait. */
    private static final SubscriberSocket UNBOUNDED = new SubscriberSocket(null);
    private static final long FIRST_CHECK_MILLIS = 10;
    private static final long LAST_CHECK_MILLIS = 1_000;

    private final Channel channel;

    private SubscriberSocket(Channel channel) {
        this.channel = channel;
    }

    /** The socket of the request being handled: for a subscription, the WebSocket it arrived on. */
    static SubscriberSocket of(CurrentVertxRequest request) {
        if (!Arc.container().requestContext().isActive()) {
            return UNBOUNDED;
        }
        RoutingContext current = request.getCurrent();
        // Vert.x keeps the channel to itself; Quarkus reaches it the same way to time a WebSocket out.
        if (current != null && current.request().connection() instanceof ConnectionBase connection) {
            return new SubscriberSocket(connection.channel());
        }
        return UNBOUNDED;
    }

    /** {@code result}, once the socket can take it, or at once if it is closed (the result then goes nowhere). */
    <T> Uni<T> whenWritable(T result) {
        if (canTake()) {
            return Uni.createFrom().item(result);
        }
        return Uni.createFrom().emitter(emitter -> {
            Wait<T> wait = new Wait<>(emitter, result);
            emitter.onTermination(wait::end);
            wait.checkAfter(FIRST_CHECK_MILLIS);
        });
    }

    private boolean canTake() {
        return channel == null || channel.isWritable() || !channel.isActive();
    }

    /** One result waiting: checks the socket again on its own event loop, less often the longer it stays full. */
    private final class Wait<T> {

        private final UniEmitter<? super T> emitter;
        private final T result;
        private volatile boolean ended;
        private volatile ScheduledFuture<?> nextCheck;

        Wait(UniEmitter<? super T> emitter, T result) {
            this.emitter = emitter;
            this.result = result;
        }

        void checkAfter(long millis) {
            nextCheck = channel.eventLoop().schedule(() -> {
                if (ended) {
                    return;
                }
                if (canTake()) {
                    emitter.complete(result);
                } else {
                    checkAfter(Math.min(millis * 2, LAST_CHECK_MILLIS));
                }
            }, millis, TimeUnit.MILLISECONDS);
        }

        void end() {
            ended = true;
            ScheduledFuture<?> check = nextCheck;
            if (check != null) {
                check.cancel(false);
            }
        }
    }
}
