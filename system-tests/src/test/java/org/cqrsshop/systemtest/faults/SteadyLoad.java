package org.cqrsshop.systemtest.faults;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.cqrsshop.testing.TestTokens;

/**
 * A few client threads sending real mutations to the command-app, one after another, for as long
 * as the load runs, faults or not. Customers fill and clear their own carts and place and cancel
 * their own orders; admins rename and reprice products and count stock in. Every command is one
 * the shop accepts when it is healthy (stock is ample, only acknowledged orders are cancelled, and
 * only once), so a failure is the fault's doing. Every command sent is recorded with its fate.
 */
public final class SteadyLoad implements AutoCloseable {

    /** After an error the client waits this long at least, so that an outage is not a busy loop. */
    private static final Duration PAUSE_AFTER_FAILURE = Duration.ofMillis(200);
    private static final Duration STOP_WITHIN = CommandSender.ANSWER_TIMEOUT.plusSeconds(5);
    private static final String[] CITIES = {"London", "Berlin", "Lyon", "Porto", "Turku"};

    private final CommandSender sender;
    private final List<String> productIds;
    private final CampaignSize size;
    private final long seed;
    private final ConcurrentLinkedQueue<SentCommand> sent = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    public SteadyLoad(URI commandAppGraphql, List<String> productIds, CampaignSize size, long seed) {
        this.sender = new CommandSender(commandAppGraphql);
        this.productIds = List.copyOf(productIds);
        this.size = size;
        this.seed = seed;
    }

    public void start() {
        running = true;
        for (int i = 1; i <= size.customers(); i++) {
            startClient(new CustomerClient("customer-" + i, new Random(seed * 31 + i)));
        }
        for (int i = 1; i <= size.admins(); i++) {
            startClient(new AdminClient("admin-" + i, new Random(seed * 37 + i)));
        }
    }

    /** Stops every client after the command it is sending has been answered or given up on. */
    public void stop() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(STOP_WITHIN.toMillis());
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(STOP_WITHIN.toMillis());
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    /** Every command sent so far, in the order their answers came. */
    public List<SentCommand> sent() {
        return List.copyOf(sent);
    }

    /** When the first command answered at or after {@code instant} was acknowledged, if one was yet. */
    public Optional<Instant> firstAcknowledgementAfter(Instant instant) {
        return sent.stream()
                .filter(SentCommand::acknowledged)
                .map(SentCommand::answeredAt)
                .filter(answered -> !answered.isBefore(instant))
                .min(Instant::compareTo);
    }

    private void startClient(Client client) {
        Thread thread = new Thread(() -> {
            while (running && !Thread.currentThread().isInterrupted()) {
                SentCommand command = client.sendNext();
                sent.add(command);
                pauseAfter(command);
            }
        }, "steady-load-" + client.name());
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    private void pauseAfter(SentCommand command) {
        Duration pause = command.acknowledged() ? size.pauseBetweenCommands()
                : max(size.pauseBetweenCommands(), PAUSE_AFTER_FAILURE);
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private interface Client {
        String name();

        SentCommand sendNext();
    }

    /** A customer on their own cart and orders, with a token of their own. */
    private final class CustomerClient implements Client {

        private final String name;
        private final Random random;
        private final String customerId;
        private final String token;
        /** Orders the shop acknowledged and this customer has not yet tried to cancel. */
        private final Set<String> cancellableOrders = new LinkedHashSet<>();
        private boolean cartMayHoldLines;

        CustomerClient(String name, Random random) {
            this.name = name;
            this.random = random;
            UUID customer = UUID.nameUUIDFromBytes(("fault campaign " + seed + " " + name).getBytes(UTF_8));
            this.customerId = customer.toString();
            this.token = TestTokens.customer(customer);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public SentCommand sendNext() {
            int roll = random.nextInt(100);
            if (roll < 10 && !cancellableOrders.isEmpty()) {
                return cancelOrder();
            }
            if (roll < 20 && cartMayHoldLines) {
                return clearCart();
            }
            if (roll < 55) {
                return createOrder();
            }
            return addToCart();
        }

        private SentCommand addToCart() {
            SentCommand command = sender.send(name, "addToCart", "customerId: \"" + customerId + "\", productId: \""
                    + pick(productIds) + "\", quantity: " + (1 + random.nextInt(2)), token);
            cartMayHoldLines |= command.fate() != SentCommand.Fate.FAILED;
            return command;
        }

        private SentCommand clearCart() {
            // Keeps every line well below the cart's 999 units however long the load runs.
            cartMayHoldLines = false;
            return sender.send(name, "clearCart", "customerId: \"" + customerId + "\"", token);
        }

        private SentCommand createOrder() {
            List<String> candidates = new ArrayList<>(productIds);
            StringBuilder lines = new StringBuilder();
            for (int line = 1 + random.nextInt(2); line > 0; line--) {
                String product = candidates.remove(random.nextInt(candidates.size()));
                lines.append(lines.isEmpty() ? "" : ", ")
                        .append("{productId: \"").append(product).append("\", quantity: ").append(1 + random.nextInt(2))
                        .append('}');
            }
            String orderId = UUID.randomUUID().toString();
            SentCommand command = sender.send(name, "createOrder", "orderId: \"" + orderId + "\", customerId: \""
                    + customerId + "\", shippingAddress: {recipient: \"Fault Campaign\", line1: \"1 Chaos Street\","
                    + " postalCode: \"12345\", city: \"" + CITIES[random.nextInt(CITIES.length)] + "\","
                    + " country: \"GB\"}, lines: [" + lines + "]", token);
            if (command.acknowledged()) {
                cancellableOrders.add(orderId);
            }
            return command;
        }

        private SentCommand cancelOrder() {
            String orderId = cancellableOrders.iterator().next();
            // Tried once whatever happens: a second try after an unknown outcome could be refused rightly.
            cancellableOrders.remove(orderId);
            return sender.send(name, "cancelOrder", "orderId: \"" + orderId + "\", reason: \"changed my mind\"", token);
        }

        private String pick(List<String> from) {
            return from.get(random.nextInt(from.size()));
        }
    }

    /** An admin renaming, repricing and restocking the catalogue. */
    private final class AdminClient implements Client {

        private final String name;
        private final Random random;
        private final String token = TestTokens.admin();

        AdminClient(String name, Random random) {
            this.name = name;
            this.random = random;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public SentCommand sendNext() {
            String productId = productIds.get(random.nextInt(productIds.size()));
            if (random.nextBoolean()) {
                return sender.send(name, "adjustStock", "productId: \"" + productId + "\", delta: "
                        + (1 + random.nextInt(5)) + ", reason: \"delivery\"", token);
            }
            String change = random.nextBoolean()
                    ? "name: \"Fault campaign item " + random.nextInt(1000) + "\""
                    : "price: {amountMinor: " + (100 + random.nextInt(9_900)) + ", currency: \"EUR\"}";
            return sender.send(name, "updateProduct", "productId: \"" + productId + "\", " + change, token);
        }
    }
}
