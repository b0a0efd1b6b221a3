package org.cqrsshop.testing;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * Exchange and queue names of its own for one test run, on the real RabbitMQ broker. Other runs
 * share the broker's default virtual host, so names are unique per run and deleted afterwards.
 */
public final class TestRabbit implements AutoCloseable {

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
                "PROJECTION_QUEUE", projectionQueue);
    }

    /** A queue of the test's own, bound to the run's exchange, that records what reaches it. */
    public RecordingQueue recordingQueue(String bindingKey) {
        try {
            return new RecordingQueue(connection.createChannel(), exchange, bindingKey);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes raw bytes to the run's exchange, as a misbehaving or repeating producer would. */
    public void publish(String routingKey, byte[] body) {
        try (Channel channel = connection.createChannel()) {
            channel.basicPublish(exchange, routingKey,
                    new AMQP.BasicProperties.Builder()
                            .contentType("application/json").deliveryMode(2).build(),
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
            channel.queueDelete(deadLetterQueue());
            channel.exchangeDelete(projectionQueue + ".dlx");
            channel.exchangeDelete(exchange);
        } finally {
            connection.close();
        }
    }
}
