package org.cqrsshop.query.inbox;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.cqrsshop.common.event.EventMessages;

/**
 * The projections' queues on the broker (ADR 0009). The events exchange feeds a consistent-hash
 * exchange that hashes each message's stream id onto one of P partition queues, so every event of
 * a stream lands in one queue, in order; each queue lets one consumer at a time take from it.
 * Declaring is idempotent: every replica does it at start.
 */
final class PartitionTopology {

    static final List<String> STREAM_TYPES_BOUND = List.of("product.#", "cart.#", "order.#");
    /** Points on the hash ring per queue: enough for partitions of even size. */
    private static final String RING_POINTS = "100";
    private static final String CONSISTENT_HASH = "x-consistent-hash";

    private final String eventsExchange;
    private final String queue;
    private final int partitions;

    PartitionTopology(String eventsExchange, String queue, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("cqrs-shop.projection.partitions must be at least 1, not " + partitions);
        }
        this.eventsExchange = eventsExchange;
        this.queue = queue;
        this.partitions = partitions;
    }

    static PartitionTopology of(ProjectionConfig config) {
        return new PartitionTopology(config.eventsExchange(), config.queue(), config.partitions());
    }

    int partitions() {
        return partitions;
    }

    String partitionExchange() {
        return queue + ".partitions";
    }

    String partitionQueue(int partition) {
        return queue + ".p" + partition;
    }

    List<String> partitionQueues() {
        return IntStream.range(0, partitions).mapToObj(this::partitionQueue).toList();
    }

    String deadLetterExchange() {
        return queue + ".dlx";
    }

    String deadLetterQueue() {
        return queue + ".dlq";
    }

    /**
     * Declares everything, the partitions' bindings last, so that nothing is routed to the
     * partition exchange before a queue takes it.
     *
     * @throws IOException when the broker refuses, e.g. without the consistent-hash plugin
     */
    void declare(Channel channel) throws IOException {
        channel.exchangeDeclare(eventsExchange, "topic", true);
        channel.exchangeDeclare(deadLetterExchange(), "direct", true);
        channel.queueDeclare(deadLetterQueue(), true, false, false, null);
        channel.queueBind(deadLetterQueue(), deadLetterExchange(), queue);
        channel.exchangeDeclare(partitionExchange(), CONSISTENT_HASH, true, false,
                Map.of("hash-header", EventMessages.STREAM_ID_HEADER));
        for (String partitionQueue : partitionQueues()) {
            channel.queueDeclare(partitionQueue, true, false, false, Map.of(
                    "x-single-active-consumer", true,
                    "x-dead-letter-exchange", deadLetterExchange(),
                    "x-dead-letter-routing-key", queue));
            channel.queueBind(partitionQueue, partitionExchange(), RING_POINTS);
        }
        for (String bindingKey : STREAM_TYPES_BOUND) {
            channel.exchangeBind(partitionExchange(), eventsExchange, bindingKey);
        }
    }

    /**
     * Queues that no longer receive events but may still hold some: the single queue of versions
     * before partitions, and partitions past P after P was lowered. They are unbound here; the
     * replicas drain them, then delete them.
     */
    List<String> retire(Connection connection) throws IOException, TimeoutException {
        List<String> retired = new ArrayList<>();
        if (exists(connection, queue)) {
            try (Channel channel = openChannel(connection)) {
                for (String bindingKey : STREAM_TYPES_BOUND) {
                    channel.queueUnbind(queue, eventsExchange, bindingKey);
                }
            }
            retired.add(queue);
        }
        // Partitions are numbered without holes, so the first one missing ends the search.
        for (int partition = partitions; exists(connection, partitionQueue(partition)); partition++) {
            try (Channel channel = openChannel(connection)) {
                channel.queueUnbind(partitionQueue(partition), partitionExchange(), RING_POINTS);
            }
            retired.add(partitionQueue(partition));
        }
        return retired;
    }

    /** A passive declare of a missing queue closes its channel, so each check takes a channel of its own. */
    private static boolean exists(Connection connection, String name) throws IOException {
        Channel channel = openChannel(connection);
        try {
            channel.queueDeclarePassive(name);
            return true;
        } catch (IOException missing) {
            return false;
        } finally {
            closeQuietly(channel);
        }
    }

    static Channel openChannel(Connection connection) throws IOException {
        Channel channel = connection.createChannel();
        if (channel == null) {
            throw new IOException("the broker connection has no channel left");
        }
        return channel;
    }

    static void closeQuietly(Channel channel) {
        try {
            if (channel.isOpen()) {
                channel.close();
            }
        } catch (Exception alreadyClosed) {
            // closed by the broker or the connection meanwhile: nothing left to release
        }
    }
}
