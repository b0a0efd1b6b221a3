package org.cqrsshop.query.cache;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.cqrsshop.common.event.EventTypes;
import org.cqrsshop.query.product.ProductPage;
import org.cqrsshop.query.product.ProductView;
import org.cqrsshop.query.product.ProductsInCategory;
import org.cqrsshop.query.redis.OutageLog;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The Redis cache of hot reads: product(id), products pages, categories and cart(customerId).
 * Orders are not cached.
 *
 * <p>Every value is stored with the generations it was read under, and is served only while all
 * of them are still current. Invalidation bumps generations (and deletes the entity key), so a
 * value read from MongoDB before a write but stored after its invalidation can never be served:
 * it carries the old generation. The generations are
 * <ul>
 *   <li>{@code <prefix>cache:generation}, in every value: bumped by {@link #invalidateAll()} and by healing;
 *   <li>{@code <prefix>product:<id>:generation} and {@code <prefix>cart:<id>:generation}, per entity;
 *   <li>{@code <prefix>products:generation}, bumped by every product change: in every products page,
 *       the categories and every cart, since carts show current prices.
 * </ul>
 *
 * <p>Redis failing never fails a read or the projections. A failed invalidation may leave a stale
 * value behind, so it makes the cache <em>suspect</em>: reads skip Redis until one of them manages
 * to bump the global generation, which heals it.
 */
@ApplicationScoped
public class ViewCache {

    private static final Logger LOG = Logger.getLogger(ViewCache.class);
    /** Outlives every value, so a generation key never expires under a value that names it. */
    private static final Duration GENERATION_TTL = Duration.ofDays(1);
    static final String PRODUCT = "product";
    static final String PRODUCTS = "products";
    static final String CART = "cart";

    private final CacheConfig config;
    private final String prefix;
    private final ObjectMapper json;
    private final ReactiveValueCommands<String, String> values;
    private final ReactiveKeyCommands<String> keys;
    private final MeterRegistry meters;
    private final Map<String, Counter> requests = new ConcurrentHashMap<>();

    private final OutageLog outages = new OutageLog(LOG,
            "Redis cache unavailable, reads go to MongoDB until it answers again: %s",
            "Redis answers again: the cache is back in use");
    /** Counts failed invalidations; the cache is suspect while any of them is not healed. */
    private final AtomicLong failedInvalidations = new AtomicLong();
    private volatile long healedThrough;
    private final AtomicBoolean healing = new AtomicBoolean();
    private volatile long nextHealAt;

    public ViewCache(CacheConfig config, @ConfigProperty(name = "cqrs-shop.redis.key-prefix") String prefix,
            ObjectMapper json, ReactiveRedisDataSource redis, MeterRegistry meters) {
        this.config = config;
        this.prefix = prefix;
        this.json = json;
        this.values = redis.value(String.class);
        this.keys = redis.key();
        this.meters = meters;
        this.nextHealAt = System.nanoTime();
    }

    /**
     * @param minVersion a cached product older than this is not served
     * @param load reads MongoDB (waiting for minVersion); a {@code null} product is not cached
     */
    public Uni<ProductView> product(String productId, Long minVersion, Supplier<Uni<ProductView>> load) {
        return readThrough(PRODUCT, key("product:" + productId),
                List.of(globalGeneration(), key("product:" + productId + ":generation")),
                config.productTtl(), json.constructType(ProductView.class),
                view -> minVersion == null || view.version >= minVersion, load);
    }

    /** @param arguments every argument that shapes the page, in a stable form */
    public Uni<ProductPage> productPage(String arguments, Supplier<Uni<ProductPage>> load) {
        return readThrough(PRODUCTS, key("products:page:" + digest(arguments)),
                List.of(globalGeneration(), productsGeneration()), config.listTtl(),
                json.constructType(ProductPage.class), page -> true, load);
    }

    public Uni<List<ProductsInCategory>> categories(Supplier<Uni<List<ProductsInCategory>>> load) {
        return readThrough(PRODUCTS, key("products:categories"), List.of(globalGeneration(), productsGeneration()),
                config.listTtl(), json.getTypeFactory().constructCollectionType(List.class, ProductsInCategory.class),
                counts -> true, load);
    }

    /** @param minVersion a cached cart older than this is not served */
    public Uni<CachedCart> cart(String cartId, Long minVersion, Supplier<Uni<CachedCart>> load) {
        return readThrough(CART, key("cart:" + cartId),
                List.of(globalGeneration(), key("cart:" + cartId + ":generation"), productsGeneration()),
                config.cartTtl(), json.constructType(CachedCart.class),
                cached -> minVersion == null || minVersion <= 0
                        || (cached.cart() != null && cached.cart().version >= minVersion),
                load);
    }

    /** Forgets everything cached from the view of this stream, lists it appears in included. Never fails. */
    public Uni<Void> invalidate(String streamType, String streamId) {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> forget = switch (streamType) {
            // Carts show current prices, and they carry the products generation for that.
            case EventTypes.PRODUCT_STREAM -> Uni.combine().all()
                    .unis(forgetEntity("product:" + streamId), values.incr(productsGeneration()))
                    .discardItems();
            case EventTypes.CART_STREAM -> forgetEntity("cart:" + streamId);
            default -> Uni.createFrom().voidItem();
        };
        return guarded(forget);
    }

    /** Forgets everything, e.g. once a rebuild swapped in new views. Never fails. */
    public Uni<Void> invalidateAll() {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return guarded(values.incr(globalGeneration()).replaceWithVoid());
    }

    private Uni<Void> forgetEntity(String entity) {
        String generation = key(entity + ":generation");
        return Uni.combine().all()
                .unis(keys.del(key(entity)),
                        values.incr(generation).chain(() -> keys.pexpire(generation, GENERATION_TTL)))
                .discardItems();
    }

    /** Runs an invalidation; should it fail, the cache turns suspect before this completes. */
    private Uni<Void> guarded(Uni<Void> invalidation) {
        return redis(invalidation).onFailure().recoverWithUni(failure -> {
            failedInvalidations.incrementAndGet();
            return Uni.createFrom().voidItem();
        });
    }

    private <T> Uni<T> readThrough(String cache, String key, List<String> generationKeys, Duration ttl,
            JavaType type, Predicate<T> acceptable, Supplier<Uni<T>> load) {
        if (!config.enabled()) {
            return load.get();
        }
        return usable().chain(usable -> {
            if (!usable) {
                count(cache, CacheResult.ERROR);
                return load.get();
            }
            List<String> wanted = new ArrayList<>(generationKeys);
            wanted.add(0, key);
            return redis(values.mget(wanted.toArray(String[]::new))).onItemOrFailure().transformToUni((found, failure) -> {
                if (failure != null) {
                    count(cache, CacheResult.ERROR);
                    return load.get();
                }
                List<Long> generations = generationKeys.stream().map(name -> generation(found.get(name))).toList();
                T cached = decode(found.get(key), generations, type);
                if (cached != null && acceptable.test(cached)) {
                    count(cache, CacheResult.HIT);
                    return Uni.createFrom().item(cached);
                }
                count(cache, CacheResult.MISS);
                return load.get().call(loaded -> loaded == null ? Uni.createFrom().voidItem()
                        : store(key, generations, loaded, ttl));
            });
        });
    }

    /** Whether reads may use Redis: not while suspect, unless this read heals the cache first. */
    private Uni<Boolean> usable() {
        long failed = failedInvalidations.get();
        if (failed == healedThrough) {
            return Uni.createFrom().item(true);
        }
        if (System.nanoTime() - nextHealAt < 0 || !healing.compareAndSet(false, true)) {
            return Uni.createFrom().item(false);
        }
        nextHealAt = System.nanoTime() + config.healInterval().toNanos();
        // Bumping the global generation makes every value stored before unreachable, stale ones included.
        return redis(values.incr(globalGeneration()))
                .map(bumped -> {
                    healedThrough = failed;
                    LOG.infof("Redis cache healed after %d failed invalidation(s): every cached value was dropped",
                            failed);
                    return failedInvalidations.get() == failed;
                })
                .onFailure().recoverWithItem(false)
                .eventually(() -> healing.set(false));
    }

    private Uni<Void> store(String key, List<Long> generations, Object value, Duration ttl) {
        ObjectNode tagged = json.createObjectNode();
        tagged.set("generations", json.valueToTree(generations));
        tagged.set("value", json.valueToTree(value));
        return redis(values.set(key, tagged.toString(), new SetArgs().px(ttl)))
                .onFailure().recoverWithNull();
    }

    private <T> T decode(String stored, List<Long> generations, JavaType type) {
        if (stored == null) {
            return null;
        }
        try {
            JsonNode tagged = json.readTree(stored);
            List<Long> storedUnder = json.convertValue(tagged.get("generations"),
                    json.getTypeFactory().constructCollectionType(List.class, Long.class));
            return generations.equals(storedUnder) ? json.convertValue(tagged.get("value"), type) : null;
        } catch (Exception unreadable) {
            // A value some older release wrote in another shape: a miss, overwritten by this read.
            return null;
        }
    }

    /** Bounds a Redis command by the timeout, and logs when Redis starts and stops failing, not every failure. */
    private <T> Uni<T> redis(Uni<T> command) {
        return command.ifNoItem().after(config.redisTimeout()).fail()
                .invoke(outages::succeeded)
                .onFailure().invoke(outages::failed);
    }

    private void count(String cache, CacheResult result) {
        requests.computeIfAbsent(cache + ":" + result.tag(), ignored -> Counter.builder("cqrs.cache.requests")
                        .description("Cached reads by outcome; hit ratio = hit / (hit + miss)")
                        .tag("cache", cache).tag("result", result.tag())
                        .register(meters))
                .increment();
    }

    private static long generation(String stored) {
        return stored == null ? 0 : Long.parseLong(stored);
    }

    private String globalGeneration() {
        return key("cache:generation");
    }

    private String productsGeneration() {
        return key("products:generation");
    }

    private String key(String name) {
        return prefix + name;
    }

    private static String digest(String arguments) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(arguments.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("Every JVM has SHA-256", impossible);
        }
    }
}
