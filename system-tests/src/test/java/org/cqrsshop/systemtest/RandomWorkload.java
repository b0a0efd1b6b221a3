package org.cqrsshop.systemtest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * Random but valid traffic for the command-app: every command is chosen from what the state
 * tracked here allows (lines that are in the cart, stock that is there, status moves that
 * docs/orders.md permits), so every one of them must succeed. The same seed sends the same
 * commands.
 */
final class RandomWorkload {

    enum Status { PENDING, PAID, SHIPPED, DELIVERED, CANCELLED, REFUNDED }

    static final class Product {
        final String id;
        long priceMinor;
        int stock;
        boolean deleted;
        /** Ever in a cart or an order; such products are never deleted, so no later command trips over them. */
        boolean used;

        Product(String id, long priceMinor, int stock) {
            this.id = id;
            this.priceMinor = priceMinor;
            this.stock = stock;
        }
    }

    static final class Order {
        final String id;
        final Map<Product, Integer> lines;
        Status status = Status.PENDING;
        boolean paid;

        Order(String id, Map<Product, Integer> lines) {
            this.id = id;
            this.lines = lines;
        }
    }

    private static final String[] WORDS = {"Espresso", "Mug", "Jug", "Bowl", "Plate", "Kettle", "Tray", "Linen",
        "Oak", "Slate", "Copper", "Teal", "Grande", "Mini", "Stoneware", "Glass"};
    private static final String[] CATEGORIES = {"kitchen", "table", "bath", "garden"};
    private static final String[] CITIES = {"London", "Berlin", "Lyon", "Porto", "Turku"};
    private static final int FIRST_PRODUCTS = 10;
    private static final int MAX_PRODUCTS = 14;
    private static final int CUSTOMERS = 7;
    private static final int FIRST_ORDERS = 6;

    private final long seed;
    private final Random random;
    private final URI commandApp;
    private final List<Product> products = new ArrayList<>();
    private final List<String> customers = new ArrayList<>();
    /** Per customer, the cart's lines in the order they were first added. */
    private final Map<String, Map<Product, Integer>> carts = new LinkedHashMap<>();
    private final List<Order> orders = new ArrayList<>();
    private final Map<String, Integer> sent = new TreeMap<>();
    private int skus;

    RandomWorkload(long seed, URI commandApp) {
        this.seed = seed;
        this.random = new Random(seed);
        this.commandApp = commandApp;
    }

    /** Unique to the seed, so that two workloads can run against one store. */
    private String nextSku() {
        return "CONV-" + Long.toUnsignedString(seed, 36) + "-" + (++skus);
    }

    /** Sends {@code commands} commands in all: first enough to touch every kind of aggregate, then random ones. */
    void run(int commands) {
        for (int i = 0; i < FIRST_PRODUCTS; i++) {
            createProduct();
        }
        for (int i = 0; i < CUSTOMERS; i++) {
            customers.add(UUID.nameUUIDFromBytes(("customer " + seed + " " + i).getBytes(UTF_8)).toString());
            carts.put(customers.get(i), new LinkedHashMap<>());
            addToCart(customers.get(i));
        }
        for (int i = 0; i < FIRST_ORDERS; i++) {
            boolean placed = i % 2 == 0 ? orderFromCart() : orderFromLines();
            assertThat(placed).as("seed %d: the first orders always have stock", seed).isTrue();
        }
        List<Choice> choices = List.of(
                new Choice(2, () -> products.size() < MAX_PRODUCTS && createProduct()),
                new Choice(8, this::updateProduct),
                new Choice(10, this::adjustStock),
                new Choice(1, this::deleteProduct),
                new Choice(14, () -> addToCart(pick(customers))),
                new Choice(7, this::removeFromCart),
                new Choice(2, this::clearCart),
                new Choice(6, this::orderFromLines),
                new Choice(5, this::orderFromCart),
                new Choice(6, () -> move(Status.PENDING, Status.PAID)),
                new Choice(5, () -> move(Status.PAID, Status.SHIPPED)),
                new Choice(4, () -> move(Status.SHIPPED, Status.DELIVERED)),
                new Choice(3, this::cancel),
                new Choice(2, this::refund),
                new Choice(3, this::changeShippingAddress));
        int totalWeight = choices.stream().mapToInt(Choice::weight).sum();
        while (commandsSent() < commands) {
            int roll = random.nextInt(totalWeight);
            for (Choice choice : choices) {
                roll -= choice.weight();
                if (roll < 0) {
                    choice.send().getAsBoolean(); // false: not possible in this state; roll again
                    break;
                }
            }
        }
    }

    int commandsSent() {
        return sent.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** How many of each mutation were sent, by name. */
    Map<String, Integer> sent() {
        return sent;
    }

    int productCount() {
        return products.size();
    }

    int cartCount() {
        return carts.size();
    }

    int orderCount() {
        return orders.size();
    }

    private record Choice(int weight, BooleanSupplier send) {}

    private boolean createProduct() {
        long price = 100 + random.nextInt(9_900);
        int stock = 20 + random.nextInt(41);
        String id = send("createProduct", "mutation { createProduct(input: {sku: \"" + nextSku() + "\", name: \""
                + name() + "\", description: \"" + name() + " " + name() + "\", price: " + money(price)
                + ", category: \"" + pick(CATEGORIES) + "\", stockQuantity: " + stock + "}) { id } }")
                .path("id").asText();
        products.add(new Product(id, price, stock));
        return true;
    }

    private boolean updateProduct() {
        Product product = pick(liveProducts());
        StringBuilder changes = new StringBuilder();
        if (random.nextBoolean()) {
            changes.append(", name: \"").append(name()).append('"');
        }
        if (random.nextBoolean()) {
            product.priceMinor = 100 + random.nextInt(9_900);
            changes.append(", price: ").append(money(product.priceMinor));
        }
        if (random.nextInt(4) == 0) {
            changes.append(", category: \"").append(pick(CATEGORIES)).append('"');
        }
        if (random.nextInt(4) == 0) {
            changes.append(", description: \"").append(name()).append('"');
        }
        if (random.nextInt(8) == 0) {
            changes.append(", sku: \"").append(nextSku()).append('"');
        }
        if (changes.isEmpty()) {
            changes.append(", name: \"").append(name()).append('"');
        }
        send("updateProduct", "mutation { updateProduct(input: {productId: \"" + product.id + "\"" + changes
                + "}) { version } }");
        return true;
    }

    private boolean adjustStock() {
        Product product = pick(liveProducts());
        int delta = product.stock > 0 && random.nextInt(3) == 0
                ? -(1 + random.nextInt(product.stock))
                : 1 + random.nextInt(20);
        product.stock += delta;
        send("adjustStock", "mutation { adjustStock(input: {productId: \"" + product.id + "\", delta: " + delta
                + ", reason: \"" + (delta > 0 ? "delivery" : "stocktake") + "\"}) { version } }");
        return true;
    }

    private boolean deleteProduct() {
        List<Product> unused = liveProducts().stream().filter(product -> !product.used).toList();
        if (unused.isEmpty()) {
            return false;
        }
        Product product = pick(unused);
        product.deleted = true;
        send("deleteProduct", "mutation { deleteProduct(input: {productId: \"" + product.id + "\"}) { version } }");
        return true;
    }

    private boolean addToCart(String customer) {
        Product product = pick(liveProducts());
        int quantity = 1 + random.nextInt(3);
        product.used = true;
        carts.get(customer).merge(product, quantity, Integer::sum);
        send("addToCart", "mutation { addToCart(input: {customerId: \"" + customer + "\", productId: \"" + product.id
                + "\", quantity: " + quantity + "}) { version } }");
        return true;
    }

    private boolean removeFromCart() {
        List<String> withLines = customers.stream().filter(customer -> !carts.get(customer).isEmpty()).toList();
        if (withLines.isEmpty()) {
            return false;
        }
        String customer = pick(withLines);
        Map<Product, Integer> cart = carts.get(customer);
        Product product = pick(new ArrayList<>(cart.keySet()));
        int line = cart.get(product);
        // Now a number of units, now the whole line by leaving the quantity out.
        Integer quantity = random.nextInt(3) == 0 ? null : 1 + random.nextInt(line);
        if (quantity == null || quantity == line) {
            cart.remove(product);
        } else {
            cart.put(product, line - quantity);
        }
        send("removeFromCart", "mutation { removeFromCart(input: {customerId: \"" + customer + "\", productId: \""
                + product.id + "\"" + (quantity == null ? "" : ", quantity: " + quantity) + "}) { version } }");
        return true;
    }

    private boolean clearCart() {
        List<String> withLines = customers.stream().filter(customer -> !carts.get(customer).isEmpty()).toList();
        if (withLines.isEmpty()) {
            return false;
        }
        String customer = pick(withLines);
        carts.get(customer).clear();
        send("clearCart", "mutation { clearCart(input: {customerId: \"" + customer + "\"}) { version } }");
        return true;
    }

    private boolean orderFromLines() {
        List<Product> inStock = new ArrayList<>(liveProducts().stream().filter(product -> product.stock > 0).toList());
        if (inStock.isEmpty()) {
            return false;
        }
        Map<Product, Integer> lines = new LinkedHashMap<>();
        int lineCount = 1 + random.nextInt(Math.min(3, inStock.size()));
        for (int i = 0; i < lineCount; i++) {
            Product product = inStock.remove(random.nextInt(inStock.size()));
            lines.put(product, 1 + random.nextInt(Math.min(3, product.stock)));
        }
        StringBuilder input = new StringBuilder();
        lines.forEach((product, quantity) -> input.append(input.isEmpty() ? "" : ", ")
                .append("{productId: \"").append(product.id).append("\", quantity: ").append(quantity).append('}'));
        String id = send("createOrder", "mutation { createOrder(input: {customerId: \"" + pick(customers)
                + "\", shippingAddress: " + address() + ", lines: [" + input + "]}) { id } }").path("id").asText();
        placed(id, lines);
        return true;
    }

    private boolean orderFromCart() {
        List<String> orderable = customers.stream().filter(customer -> !carts.get(customer).isEmpty()
                && carts.get(customer).entrySet().stream().allMatch(line -> line.getKey().stock >= line.getValue()))
                .toList();
        if (orderable.isEmpty()) {
            return false;
        }
        String customer = pick(orderable);
        Map<Product, Integer> lines = new LinkedHashMap<>(carts.get(customer));
        long total = lines.entrySet().stream().mapToLong(line -> line.getKey().priceMinor * line.getValue()).sum();
        // The total as the client computes it: PRICE_CHANGED would mean the prices tracked here are wrong.
        String id = send("createOrder", "mutation { createOrder(input: {customerId: \"" + customer
                + "\", shippingAddress: " + address() + ", fromCart: true, expectedTotal: " + money(total)
                + "}) { id } }").path("id").asText();
        carts.get(customer).clear();
        placed(id, lines);
        return true;
    }

    private void placed(String id, Map<Product, Integer> lines) {
        lines.forEach((product, quantity) -> {
            product.stock -= quantity;
            product.used = true;
        });
        orders.add(new Order(id, lines));
    }

    private boolean move(Status from, Status to) {
        List<Order> candidates = ordersIn(from);
        if (candidates.isEmpty()) {
            return false;
        }
        Order order = pick(candidates);
        if (to == Status.SHIPPED) {
            send("shipOrder", "mutation { shipOrder(input: {orderId: \"" + order.id + "\", carrier: \"DHL\","
                    + " trackingNumber: \"JD" + random.nextInt(1_000_000) + "\"}) { version } }");
        } else {
            send("updateOrderStatus", status(order, to, to == Status.PAID ? "psp-" + random.nextInt(1_000_000) : null));
        }
        order.status = to;
        order.paid |= to == Status.PAID;
        return true;
    }

    private boolean cancel() {
        List<Order> candidates = new ArrayList<>(ordersIn(Status.PENDING));
        candidates.addAll(ordersIn(Status.PAID));
        if (candidates.isEmpty()) {
            return false;
        }
        Order order = pick(candidates);
        if (random.nextBoolean()) {
            send("cancelOrder", "mutation { cancelOrder(input: {orderId: \"" + order.id
                    + "\", reason: \"changed my mind\"}) { version } }");
        } else {
            send("updateOrderStatus", status(order, Status.CANCELLED, "out of budget"));
        }
        order.status = Status.CANCELLED;
        order.lines.forEach((product, quantity) -> product.stock += quantity);
        return true;
    }

    private boolean refund() {
        List<Order> candidates = new ArrayList<>(ordersIn(Status.DELIVERED));
        candidates.addAll(ordersIn(Status.CANCELLED).stream().filter(order -> order.paid).toList());
        if (candidates.isEmpty()) {
            return false;
        }
        Order order = pick(candidates);
        send("updateOrderStatus", status(order, Status.REFUNDED, "goodwill"));
        order.status = Status.REFUNDED;
        return true;
    }

    private boolean changeShippingAddress() {
        List<Order> candidates = new ArrayList<>(ordersIn(Status.PENDING));
        candidates.addAll(ordersIn(Status.PAID));
        if (candidates.isEmpty()) {
            return false;
        }
        send("changeShippingAddress", "mutation { changeShippingAddress(input: {orderId: \"" + pick(candidates).id
                + "\", shippingAddress: " + address() + "}) { version } }");
        return true;
    }

    private static String status(Order order, Status to, String reason) {
        return "mutation { updateOrderStatus(input: {orderId: \"" + order.id + "\", status: " + to
                + (reason == null ? "" : ", reason: \"" + reason + "\"") + "}) { version } }";
    }

    private String address() {
        boolean full = random.nextBoolean();
        return "{recipient: \"" + name() + " " + name() + "\", line1: \"" + (1 + random.nextInt(200)) + " " + name()
                + " Street\"" + (full ? ", line2: \"Flat " + (1 + random.nextInt(9)) + "\", region: \"North\"" : "")
                + ", postalCode: \"" + (10_000 + random.nextInt(90_000)) + "\", city: \"" + pick(CITIES)
                + "\", country: \"GB\"}";
    }

    private static String money(long amountMinor) {
        return "{amountMinor: " + amountMinor + ", currency: \"EUR\"}";
    }

    private String name() {
        return pick(WORDS) + " " + pick(WORDS);
    }

    private List<Product> liveProducts() {
        return products.stream().filter(product -> !product.deleted).toList();
    }

    private List<Order> ordersIn(Status status) {
        return orders.stream().filter(order -> order.status == status).toList();
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    private String pick(String[] from) {
        return from[random.nextInt(from.length)];
    }

    /** Sends a mutation that the tracked state says is valid; any error means the state or the app is wrong. */
    private JsonNode send(String mutation, String document) {
        JsonNode response = GraphQL.post(commandApp, document);
        assertThat(response.path("errors").isMissingNode())
                .as("seed %d, command %d: %s was refused: %s", seed, commandsSent() + 1, document, response)
                .isTrue();
        sent.merge(mutation, 1, Integer::sum);
        return response.path("data").path(mutation);
    }
}
