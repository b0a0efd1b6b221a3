package org.cqrsshop.query.inbox;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * One subscription to one partition's queue, on a channel of its own. The broker lets one
 * consumer of a partition take from it at a time; while this one does, it applies what arrived
 * as batches, one after another, so the partition's order holds, and acknowledges each batch
 * with one multiple-ack up to the last delivery settled without a hole before it.
 */
final class PartitionConsumer {

    private static final Logger LOG = Logger.getLogger(PartitionConsumer.class);
    private static final Duration LONGEST_RETRY_DELAY = Duration.ofSeconds(10);

    private final String queue;
    private final EventConsumer events;
    private final ProjectionConfig config;
    private final ScheduledExecutorService scheduler;
    private final Channel channel;
    private final Object lock = new Object();
    private final ArrayDeque<Delivery> arrived = new ArrayDeque<>();
    private boolean busy;
    private boolean delivering;
    private boolean releasing;
    private boolean closed;
    private Runnable onReleased = () -> {};

    private PartitionConsumer(
            String queue, Channel channel, EventConsumer events, ProjectionConfig config,
            ScheduledExecutorService scheduler) {
        this.queue = queue;
        this.channel = channel;
        this.events = events;
        this.config = config;
        this.scheduler = scheduler;
    }

    /** Subscribes; the broker starts delivering once this consumer is the partition's active one. */
    static PartitionConsumer subscribe(
            Connection connection, String queue, EventConsumer events, ProjectionConfig config,
            ScheduledExecutorService scheduler) throws IOException {
        Channel channel = PartitionTopology.openChannel(connection);
        PartitionConsumer consumer = new PartitionConsumer(queue, channel, events, config, scheduler);
        try {
            channel.basicQos(config.prefetch());
            channel.basicConsume(queue, false, new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                    consumer.arrived(new Delivery(envelope.getDeliveryTag(), envelope.getRoutingKey(),
                            properties.getHeaders(), body));
                }
            });
        } catch (IOException refused) {
            PartitionTopology.closeQuietly(channel);
            throw refused;
        }
        return consumer;
    }

    String queue() {
        return queue;
    }

    /**
     * Whether the broker made this consumer the partition's active one. It learns so from the
     * first delivery: until a partition gets an event, holding it costs nothing anyway.
     */
    boolean holds() {
        synchronized (lock) {
            return delivering && !releasing && !closed;
        }
    }

    boolean idle() {
        synchronized (lock) {
            return !busy && arrived.isEmpty();
        }
    }

    boolean open() {
        return channel.isOpen();
    }

    /**
     * Hands the partition to the next consumer: once the batch in hand is settled, the channel
     * closes, which returns what arrived but was not applied to the queue, in order.
     */
    void release(Runnable afterwards) {
        synchronized (lock) {
            if (releasing || closed) {
                return;
            }
            releasing = true;
            onReleased = afterwards;
            if (busy) {
                return;
            }
        }
        closeAfterRelease();
    }

    /** Takes no new batch; what is unsettled goes back to the queue when the connection closes. */
    void close() {
        synchronized (lock) {
            closed = true;
            arrived.clear();
        }
        PartitionTopology.closeQuietly(channel);
    }

    private void arrived(Delivery delivery) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            arrived.add(delivery);
            delivering = true;
            if (busy) {
                return;
            }
            busy = true;
        }
        scheduler.execute(this::nextBatch);
    }

    private void nextBatch() {
        List<Delivery> batch = new ArrayList<>();
        synchronized (lock) {
            if (closed || releasing || arrived.isEmpty() || events.stopping()) {
                busy = false;
                if (releasing && !closed) {
                    scheduler.execute(this::closeAfterRelease);
                }
                return;
            }
            while (batch.size() < config.maxBatch() && !arrived.isEmpty()) {
                batch.add(arrived.poll());
            }
        }
        apply(batch, new HashSet<>(), config.retryDelay());
    }

    /**
     * Applies what of the batch is not settled yet; whatever stays unsettled (an outage) is tried
     * again after a pause that doubles each time, without taking anything newer meanwhile.
     */
    private void apply(List<Delivery> batch, Set<Long> settled, Duration retryDelay) {
        List<Delivery> unsettled = batch.stream().filter(delivery -> !settled.contains(delivery.tag())).toList();
        events.consume(unsettled).subscribe().with(
                justSettled -> afterBatch(batch, settled, justSettled, retryDelay),
                failure -> {
                    LOG.errorf(failure, "A batch of %s failed where it should not; it is tried again", queue);
                    afterBatch(batch, settled, Set.of(), retryDelay);
                });
    }

    private void afterBatch(List<Delivery> batch, Set<Long> settled, Set<Long> justSettled, Duration retryDelay) {
        settled.addAll(justSettled);
        acknowledgeSettledPrefix(batch, settled);
        if (settled.size() == batch.size()) {
            scheduler.execute(this::nextBatch);
            return;
        }
        synchronized (lock) {
            if (closed || events.stopping()) {
                busy = false;
                return;
            }
        }
        Duration next = retryDelay.multipliedBy(2);
        scheduler.schedule(() -> apply(batch, settled, next.compareTo(LONGEST_RETRY_DELAY) > 0 ? LONGEST_RETRY_DELAY : next),
                retryDelay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * A multiple-ack covers every earlier delivery of the channel, so it goes only as far as the
     * last delivery settled with every one before it settled too.
     */
    private void acknowledgeSettledPrefix(List<Delivery> batch, Set<Long> settled) {
        long upTo = -1;
        for (Delivery delivery : batch) {
            if (!settled.contains(delivery.tag())) {
                break;
            }
            upTo = delivery.tag();
        }
        if (upTo < 0) {
            return;
        }
        try {
            channel.basicAck(upTo, true);
        } catch (IOException | RuntimeException channelGone) {
            // The broker gives the unacknowledged events to the next consumer, which finds them applied.
            LOG.debugf("Could not acknowledge %s up to %d: %s", queue, upTo, channelGone.getMessage());
        }
    }

    private void closeAfterRelease() {
        Runnable afterwards;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            arrived.clear();
            afterwards = onReleased;
        }
        PartitionTopology.closeQuietly(channel);
        LOG.debugf("Released %s", queue);
        afterwards.run();
    }
}
