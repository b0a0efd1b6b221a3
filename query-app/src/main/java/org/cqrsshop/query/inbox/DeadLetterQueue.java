package org.cqrsshop.query.inbox;

import com.rabbitmq.client.AMQP;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.rabbitmq.RabbitMQClient;
import io.vertx.mutiny.rabbitmq.RabbitMQMessage;
import io.vertx.rabbitmq.RabbitMQOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.cqrsshop.common.event.EventMessages;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The projections' dead-letter queue, on a connection of its own. Our consumer puts messages
 * there itself, rather than rejecting them, so that each one carries why it failed; the same
 * connection counts them and moves them back for another try (docs/operations.md).
 */
@ApplicationScoped
public class DeadLetterQueue {

    public static final String REASON_HEADER = "x-failure-reason";
    public static final String FAILED_AT_HEADER = "x-failed-at";
    public static final String ATTEMPTS_HEADER = "x-failure-attempts";
    public static final String ROUTING_KEY_HEADER = "x-original-routing-key";
    public static final String REDRIVES_HEADER = "x-redrive-count";

    private final RabbitMQClient client;
    private final PartitionTopology topology;
    private final String deadLetterQueue;
    private final Uni<RabbitMQClient> connected;

    public DeadLetterQueue(
            Vertx vertx,
            @ConfigProperty(name = "rabbitmq-host") String host,
            @ConfigProperty(name = "rabbitmq-port") int port,
            @ConfigProperty(name = "rabbitmq-username") String username,
            @ConfigProperty(name = "rabbitmq-password") String password,
            ProjectionConfig config) {
        this.client = RabbitMQClient.create(vertx, new RabbitMQOptions()
                .setHost(host).setPort(port).setUser(username).setPassword(password)
                .setConnectionName("cqrs-shop-query dead letters")
                .setReconnectAttempts(0));
        this.topology = PartitionTopology.of(config);
        this.deadLetterQueue = topology.deadLetterQueue();
        // Connect on first use and again after the connection was lost.
        this.connected = Uni.createFrom().deferred(() -> client.start().chain(client::confirmSelect))
                .replaceWith(client)
                .memoize().until(() -> !client.isConnected());
    }

    public String name() {
        return deadLetterQueue;
    }

    /** Puts a message in the dead-letter queue with its reason, and returns once the broker has it. */
    public Uni<Void> deadLetter(byte[] body, String routingKey, Map<String, Object> headers, String reason, int attempts) {
        Map<String, Object> annotated = new HashMap<>(headers);
        annotated.put(REASON_HEADER, reason);
        annotated.put(FAILED_AT_HEADER, Instant.now().toString());
        annotated.put(ATTEMPTS_HEADER, attempts);
        annotated.put(ROUTING_KEY_HEADER, routingKey);
        return publish(deadLetterQueue, body, annotated);
    }

    public Uni<Long> size() {
        return connected.chain(rabbit -> rabbit.messageCount(deadLetterQueue));
    }

    /**
     * Moves up to {@code limit} messages back to the partitions, oldest first, each to the
     * partition of its stream. Each one
     * leaves the dead-letter queue only after the broker confirmed its copy, so a crash halfway
     * duplicates at worst, which the projections ignore.
     *
     * @return how many were moved
     */
    public Uni<Integer> redrive(int limit) {
        return redrive(limit, 0);
    }

    private Uni<Integer> redrive(int limit, int moved) {
        if (moved >= limit) {
            return Uni.createFrom().item(moved);
        }
        return connected.chain(rabbit -> rabbit.basicGet(deadLetterQueue, false)).chain(message -> {
            if (message == null) {
                return Uni.createFrom().item(moved);
            }
            Map<String, Object> headers = redriveHeaders(message);
            return republish(message.body().getBytes(), headers)
                    .chain(() -> client.basicAck(message.envelope().getDeliveryTag(), false))
                    .chain(() -> redrive(limit, moved + 1));
        });
    }

    private static Map<String, Object> redriveHeaders(RabbitMQMessage message) {
        Map<String, Object> headers = message.properties().getHeaders() == null
                ? new HashMap<>()
                : new HashMap<>(message.properties().getHeaders());
        Object previous = headers.get(REDRIVES_HEADER);
        headers.put(REDRIVES_HEADER, previous instanceof Number count ? count.intValue() + 1 : 1);
        return headers;
    }

    /**
     * Through the partition exchange, which hashes the stream id the message came with. A message
     * that never named a stream (it could not be read) would reach no partition there, so it goes
     * straight into the first one, where it fails again, as it should, until it is purged.
     */
    private Uni<Void> republish(byte[] body, Map<String, Object> headers) {
        if (headers.get(EventMessages.STREAM_ID_HEADER) == null) {
            return publish("", topology.partitionQueue(0), body, headers);
        }
        Object routingKey = headers.get(ROUTING_KEY_HEADER);
        return publish(topology.partitionExchange(), routingKey == null ? "" : routingKey.toString(), body, headers);
    }

    private Uni<Void> publish(String targetQueue, byte[] body, Map<String, Object> headers) {
        return publish("", targetQueue, body, headers);
    }

    /** Persistent and confirmed; an empty exchange is the default one, which routes by queue name. */
    private Uni<Void> publish(String exchange, String routingKey, byte[] body, Map<String, Object> headers) {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .deliveryMode(2)
                .contentType("application/json")
                .headers(headers)
                .build();
        return connected.chain(rabbit -> rabbit.basicPublish(exchange, routingKey, properties, Buffer.buffer(body))
                .chain(() -> rabbit.waitForConfirms()));
    }

    @PreDestroy
    void close() {
        if (client.isConnected()) {
            client.stopAndForget();
        }
    }
}
