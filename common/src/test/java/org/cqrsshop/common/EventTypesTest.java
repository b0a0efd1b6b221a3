package org.cqrsshop.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.cqrsshop.common.event.EventEnvelope;
import org.cqrsshop.common.event.EventType;
import org.cqrsshop.common.event.EventTypes;
import org.cqrsshop.common.event.json.EventDecodingException;
import org.cqrsshop.common.event.json.EventJson;
import org.cqrsshop.common.event.product.ProductDeleted;
import org.cqrsshop.common.id.ProductId;
import org.junit.jupiter.api.Test;

class EventTypesTest {

    @Test
    void every_class_of_every_sealed_family_is_registered() {
        Set<Class<?>> permitted = EventTypes.FAMILIES.stream()
                .flatMap(family -> Arrays.stream(family.getPermittedSubclasses()))
                .collect(Collectors.toSet());
        Set<Class<?>> registered = EventTypes.all().stream().map(EventType::javaType).collect(Collectors.toSet());
        assertThat(registered).isEqualTo(permitted);
    }

    @Test
    void names_are_unique() {
        Set<String> names = new HashSet<>();
        for (EventType<?> type : EventTypes.all()) {
            assertThat(names.add(type.name())).as(type.name()).isTrue();
        }
    }

    @Test
    void an_envelope_reads_back_equal_to_what_was_written() {
        ProductId product = ProductId.random();
        EventEnvelope envelope = new EventEnvelope(
                UUID.randomUUID(), product.value(), EventTypes.PRODUCT_STREAM, 3, 42,
                Instant.parse("2026-11-24T10:15:30.123456Z"), UUID.randomUUID(), UUID.randomUUID(), null,
                new ProductDeleted(product, "SKU-1"));

        assertThat(EventJson.decodeEnvelope(EventJson.encodeEnvelope(envelope))).isEqualTo(envelope);
    }

    @Test
    void an_unknown_schema_version_is_a_decoding_error_not_a_guess() {
        assertThatThrownBy(() -> EventJson.decode("ProductDeleted", 99, "{}"))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageContaining("ProductDeleted v99");
    }

    @Test
    void a_payload_missing_a_required_field_is_a_decoding_error() {
        assertThatThrownBy(() -> EventJson.decode("ProductDeleted", 1, "{\"productId\":\"" + UUID.randomUUID() + "\"}"))
                .isInstanceOf(EventDecodingException.class);
    }

    @Test
    void an_invalid_currency_in_a_payload_is_a_decoding_error() {
        String payload = "{\"productId\":\"" + UUID.randomUUID() + "\",\"sku\":\"S\",\"name\":\"n\",\"description\":\"d\","
                + "\"price\":{\"amountMinor\":100,\"currency\":\"XXQ\"},\"category\":\"c\"}";
        assertThatThrownBy(() -> EventJson.decode("ProductUpdated", 1, payload))
                .isInstanceOf(EventDecodingException.class);
    }

    @Test
    void garbage_bytes_are_a_decoding_error() {
        assertThatThrownBy(() -> EventJson.decodeEnvelope("not json".getBytes()))
                .isInstanceOf(EventDecodingException.class);
        assertThatThrownBy(() -> EventJson.decodeEnvelope("[]".getBytes()))
                .isInstanceOf(EventDecodingException.class);
    }
}
