package org.cqrsshop.testing;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import org.cqrsshop.common.event.EventEnvelope;
import org.cqrsshop.common.event.EventMessages;
import org.cqrsshop.common.event.json.EventJson;
import java.util.concurrent.TimeoutException;

/**
 * Exchange and queue names of its own for one test run, on the real RabbitMQ broker. Other runs
 * share the broker's default virtual host, so names are unique per run and deleted afterwards.
 */
public final class TestRabbit implements AutoCloseable {

    /** The query-app's partitions in tests: fewer than the default, still several to share. */
    public static final int PARTITIONS = 4;

    public final String host = TestPostgres.env("CQRS_TEST_RABBITMQ_HOST", "127.0.0.1");
    public final int port = Integer.parseInt(TestPostgres.env("CQRS_TEST_RABBITMQ_PORT", "5672"));
    public final String user = TestPostgres.env("CQRS_TEST_RABBITMQ_USER", "guest");
    public final String password = TestPostgres.env("CQRS_TEST_RABBITMQ_PASSWORD", "guest");
    public final String exchange;
    public final String projectionQueue;

    private final Connection connection;

    private TestRabbit(String runId) {
        this.exchange = "cqrs-shop.test." + runId + ".events";
        this.projectionQueue = "cqrs-shop.test." + runId + ".projections";
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(host);
        factory.setPort(port);
        factory.setUsername(user);
        factory.setPassword(password);
        try {
            this.connection = factory.newConnection("cqrs-shop-test-" + runId);
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("RabbitMQ at " + host + ":" + port + " is not reachable"
                    + " (run scripts/services.sh to start it)", e);
        }
    }

    public static TestRabbit forRun(String purpose) {
        return new TestRabbit(purpose + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** Settings in the names the apps read. */
    public Map<String, String> appConfig() {
        return Map.of(
                "RABBITMQ_HOST", host,
                "RABBITMQ_PORT", String.valueOf(port),
                "RABBITMQ_USER", user,
                "RABBITMQ_PASSWORD", password,
                "EVENTS_EXCHANGE", exchange,
                "PROJECTION_QUEUE", projectionQueue,
                "PROJECTION_PARTITIONS", String.valueOf(PARTITIONS));
    }

    /** A queue of the test's own, bound to the run's exchange, that records what reaches it. */
    public RecordingQueue recordingQueue(String bindingKey) {
        try {
            return new RecordingQueue(connection.createChannel(), exchange, bindingKey);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes an event to the run's exchange once more, routed as the command-app's relay routes it. */
    public void publish(EventEnvelope event) {
        publish(EventMessages.routingKey(event), event.streamId().toString(), EventJson.encodeEnvelope(event));
    }

    /**
     * Publishes raw bytes to the run's exchange, as a misbehaving producer would. The stream id is
     * made up: without one the message would reach no partition.
     */
    public void publish(String routingKey, byte[] body) {
        publish(routingKey, UUID.randomUUID().toString(), body);
    }

    private void publish(String routingKey, String streamId, byte[] body) {
        try (Channel channel = connection.createChannel()) {
            channel.basicPublish(exchange, routingKey,
                    new AMQP.BasicProperties.Builder()
                            .contentType("application/json").deliveryMode(2)
                            .headers(Map.of(EventMessages.STREAM_ID_HEADER, streamId))
                            .build(),
                    body);
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Takes one message from a queue without waiting, or {@code null} if it is empty. */
    public byte[] take(String queue) {
        try (Channel channel = connection.createChannel()) {
            var response = channel.basicGet(queue, true);
            return response == null ? null : response.getBody();
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Takes one message, with its properties, from a queue without waiting, or {@code null} if it is empty. */
    public GetResponse takeMessage(String queue) {
        try (Channel channel = connection.createChannel()) {
            return channel.basicGet(queue, true);
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Messages waiting in a queue. */
    public long messageCount(String queue) {
        try (Channel channel = connection.createChannel()) {
            return channel.messageCount(queue);
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The queue of one of the query-app's partitions. */
    public String partitionQueue(int partition) {
        return projectionQueue + ".p" + partition;
    }

    /** Events waiting in the query-app's partitions that no consumer has taken yet. */
    public long projectionBacklog() {
        long backlog = 0;
        for (int partition = 0; partition < PARTITIONS; partition++) {
            backlog += messageCount(partitionQueue(partition));
        }
        return backlog;
    }

    /** Where the query-app dead-letters messages it can never apply. */
    public String deadLetterQueue() {
        return projectionQueue + ".dlq";
    }

    public Channel channel() {
        try {
            return connection.createChannel();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException, TimeoutException {
        try (Channel channel = connection.createChannel()) {
            channel.queueDelete(projectionQueue);
            for (int partition = 0; partition < PARTITIONS; partition++) {
                channel.queueDelete(partitionQueue(partition));
            }
            channel.exchangeDelete(projectionQueue + ".partitions");
            channel.queueDelete(deadLetterQueue());
            channel.exchangeDelete(projectionQueue + ".dlx");
            channel.exchangeDelete(exchange);
        } finally {
            connection.close();
        }
    }
}
