package org.cqrsshop.command.snapshot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.cqrsshop.command.product.Product;
import org.cqrsshop.command.product.ProductDetails;
import org.cqrsshop.common.event.EventTypes;
import org.cqrsshop.common.event.json.EventJson;
import org.cqrsshop.common.id.ProductId;

/** Product states as {@code {"state": "active" | "deleted", ...}}. */
@ApplicationScoped
public class ProductSnapshotCodec implements SnapshotCodec<Product> {

    private final ObjectMapper json = EventJson.mapper();

    @Override
    public String streamType() {
        return EventTypes.PRODUCT_STREAM;
    }

    @Override
    public int schema() {
        return 1;
    }

    @Override
    public String encode(Product state) {
        ObjectNode node = json.createObjectNode();
        if (state instanceof Product.Active active) {
            node.put("state", "active").put("id", active.id().toString()).put("stock", active.stock());
            node.set("details", json.valueToTree(active.details()));
        } else if (state instanceof Product.Deleted deleted) {
            node.put("state", "deleted").put("id", deleted.id().toString()).put("sku", deleted.sku());
        } else {
            throw new IllegalArgumentException("nothing to snapshot in " + state);
        }
        return node.toString();
    }

    @Override
    public Product decode(String text) {
        try {
            JsonNode node = json.readTree(text);
            ProductId id = ProductId.of(node.get("id").asText());
            return switch (node.get("state").asText()) {
                case "active" -> new Product.Active(id, json.treeToValue(node.get("details"), ProductDetails.class),
                        node.get("stock").asInt());
                case "deleted" -> new Product.Deleted(id, node.get("sku").asText());
                default -> throw new IllegalArgumentException("unknown product state in snapshot");
            };
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unreadable product snapshot", e);
        }
    }
}
