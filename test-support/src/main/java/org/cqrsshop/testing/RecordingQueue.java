package org.cqrsshop.testing;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An exclusive, server-named queue that keeps every message it receives, in arrival order. It
 * declares the exchange too (with the settings the apps use), so it may be created first.
 */
public final class RecordingQueue implements AutoCloseable {

    /** One received message: its routing key, AMQP properties and body. */
    public record Received(String routingKey, AMQP.BasicProperties properties, byte[] body) {}

    private final Channel channel;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    RecordingQueue(Channel channel, String exchange, String bindingKey) throws IOException {
        this.channel = channel;
        channel.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
        String queue = channel.queueDeclare("", false, true, true, null).getQueue();
        channel.queueBind(queue, exchange, bindingKey);
        channel.basicConsume(queue, true, new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                received.add(new Received(envelope.getRoutingKey(), properties, body));
            }
        });
    }

    public List<Received> received() {
        return new ArrayList<>(received);
    }

    @Override
    public void close() throws Exception {
        channel.close();
    }
}
