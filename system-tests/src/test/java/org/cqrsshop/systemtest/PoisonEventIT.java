package org.cqrsshop.systemtest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.GetResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cqrsshop.common.event.EventEnvelope;
import org.cqrsshop.common.event.json.EventJson;
import org.cqrsshop.common.event.product.ProductUpdated;
import org.cqrsshop.common.id.ProductId;
import org.cqrsshop.common.money.Money;
import org.cqrsshop.systemtest.convergence.ReadModelChecker;
import org.junit.jupiter.api.Test;

/**
 * Messages the projections can never apply go to the dead-letter queue with the reason, and the
 * events behind them keep flowing: an event of a stream the store does not hold at that version,
 * and a message that is no event at all.
 */
class PoisonEventIT extends SystemTest {

    private static final Duration SETTLES_WITHIN = Duration.ofSeconds(30);

    @Test
    void unappliable_messages_are_dead_lettered_with_their_reason_while_real_events_reach_their_views() {
        UUID unknownProduct = UUID.randomUUID();
        EventEnvelope beyondTheStore = new EventEnvelope(UUID.randomUUID(), unknownProduct, "product", 2, 999_999,
                Instant.parse("2026-01-01T00:00:00Z"), UUID.randomUUID(), UUID.randomUUID(), null,
                new ProductUpdated(new ProductId(unknownProduct), "GHOST-1", "Ghost", "never created",
                        Money.of(100, "EUR"), "kitchen"));
        byte[] notAnEvent = "this is not an event".getBytes(UTF_8);
        ReadSide readSide = new ReadSide(shop);
        assertThat(readSide.status().path("deadLetters").asLong()).isZero();

        shop.rabbit.publish(beyondTheStore);
        shop.rabbit.publish("product.Garbage", notAnEvent);
        String product = command("mutation { createProduct(input: {sku: \"POISON-OK\", name: \"Sound mug\","
                + " description: \"\", price: {amountMinor: 900, currency: \"EUR\"}, category: \"kitchen\","
                + " stockQuantity: 5}) { id } }").path("createProduct").path("id").asText();
        String customer = UUID.randomUUID().toString();
        command("mutation { addToCart(input: {customerId: \"" + customer + "\", productId: \"" + product
                + "\", quantity: 2}) { version } }");
        command("mutation { createOrder(input: {customerId: \"" + customer + "\", fromCart: true, shippingAddress:"
                + " {recipient: \"Ada\", line1: \"1 Lane\", postalCode: \"1000\", city: \"Oslo\", country: \"NO\"}})"
                + " { id } }");

        try (ReadModelChecker checker = new ReadModelChecker(shop.postgres, shop.mongo)) {
            // Every view of the real events, and none for the stream the store does not hold.
            checker.awaitConvergence(SETTLES_WITHIN);
        }
        ReadSide.awaitUntil(Instant.now().plus(SETTLES_WITHIN), "two dead letters",
                () -> readSide.status().path("deadLetters").asLong() == 2);
        List<GetResponse> deadLetters = takeAll(shop.rabbit.deadLetterQueue());

        assertThat(deadLetters).hasSize(2);
        GetResponse stray = find(deadLetters, EventJson.encodeEnvelope(beyondTheStore));
        assertThat(header(stray, "x-failure-reason")).isEqualTo("the event store does not continue product "
                + unknownProduct + " from version 0 up to version 2");
        assertThat(header(stray, "x-original-routing-key")).isEqualTo("product.ProductUpdated");
        assertThat(header(stray, "x-failure-attempts")).isEqualTo("5");
        GetResponse garbage = find(deadLetters, notAnEvent);
        assertThat(header(garbage, "x-failure-reason")).isEqualTo("not a valid event: envelope is not JSON");
        assertThat(header(garbage, "x-original-routing-key")).isEqualTo("product.Garbage");
        assertThat(header(garbage, "x-failure-attempts")).isEqualTo("1");
        assertThat(readSide.status().path("deadLetters").asLong()).isZero();
    }

    private static List<GetResponse> takeAll(String queue) {
        List<GetResponse> taken = new ArrayList<>();
        for (GetResponse message = shop.rabbit.takeMessage(queue); message != null;
                message = shop.rabbit.takeMessage(queue)) {
            taken.add(message);
        }
        return taken;
    }

    private static GetResponse find(List<GetResponse> messages, byte[] body) {
        return messages.stream().filter(message -> Arrays.equals(message.getBody(), body)).findFirst()
                .orElseThrow(() -> new AssertionError("no dead letter with body " + new String(body, UTF_8)));
    }

    /** RabbitMQ hands string headers over as LongStrings and numbers as numbers; both compare as text. */
    private static String header(GetResponse message, String name) {
        Map<String, Object> headers = message.getProps().getHeaders();
        Object value = headers == null ? null : headers.get(name);
        return value == null ? null : value.toString();
    }
}
