package org.cqrsshop.command.snapshot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cqrsshop.command.cart.Cart;
import org.cqrsshop.common.event.EventTypes;
import org.cqrsshop.common.event.json.EventJson;
import org.cqrsshop.common.id.ProductId;

/** Carts as {@code {"lines": [{"productId": ..., "quantity": ...}]}}, in line order. */
@ApplicationScoped
public class CartSnapshotCodec implements SnapshotCodec<Cart> {

    private final ObjectMapper json = EventJson.mapper();

    @Override
    public String streamType() {
        return EventTypes.CART_STREAM;
    }

    @Override
    public int schema() {
        return 1;
    }

    @Override
    public String encode(Cart cart) {
        ArrayNode lines = json.createArrayNode();
        cart.lines().forEach((product, quantity) ->
                lines.addObject().put("productId", product.toString()).put("quantity", quantity));
        return json.createObjectNode().set("lines", lines).toString();
    }

    @Override
    public Cart decode(String text) {
        try {
            Map<ProductId, Integer> lines = new LinkedHashMap<>();
            for (JsonNode line : json.readTree(text).get("lines")) {
                lines.put(ProductId.of(line.get("productId").asText()), line.get("quantity").asInt());
            }
            return new Cart(lines);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("unreadable cart snapshot", e);
        }
    }
}
