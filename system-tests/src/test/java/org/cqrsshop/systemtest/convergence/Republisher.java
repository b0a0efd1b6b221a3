package org.cqrsshop.systemtest.convergence;

import org.cqrsshop.common.event.EventEnvelope;
import org.cqrsshop.common.event.json.EventJson;
import org.cqrsshop.testing.TestRabbit;

/** Publishes stored events to the run's exchange once more, exactly as the command-app's relay does. */
public final class Republisher {

    private Republisher() {}

    public static void publish(TestRabbit rabbit, EventEnvelope event) {
        rabbit.publish(routingKey(event), EventJson.encodeEnvelope(event));
    }

    /** {@code <stream type>.<event type>}, e.g. {@code product.ProductCreated}, as the relay routes. */
    public static String routingKey(EventEnvelope event) {
        return event.streamType() + "." + event.type().name();
    }
}
