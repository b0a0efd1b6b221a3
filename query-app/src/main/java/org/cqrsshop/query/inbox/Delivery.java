package org.cqrsshop.query.inbox;

import java.util.Map;

/**
 * One message as a partition's consumer received it.
 *
 * @param tag the broker's delivery tag on the consumer's channel, which acknowledges it
 */
record Delivery(long tag, String routingKey, Map<String, Object> headers, byte[] body) {

    Delivery {
        headers = headers == null ? Map.of() : headers;
    }

    Object header(String name) {
        return headers.get(name);
    }
}
