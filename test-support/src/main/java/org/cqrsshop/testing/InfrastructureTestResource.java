package org.cqrsshop.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts a Quarkus test on real infrastructure of its own: a fresh PostgreSQL database, unique
 * RabbitMQ names and a MongoDB, chosen by the init argument {@code needs} (a comma-separated list
 * of {@code postgres}, {@code rabbitmq}, {@code mongodb}, {@code redis}). Everything is removed when the test
 * application stops.
 */
public class InfrastructureTestResource implements QuarkusTestResourceLifecycleManager {

    private String needs = "postgres,rabbitmq";
    private TestPostgres postgres;
    private TestRabbit rabbit;
    private TestMongo mongo;
    private TestRedis redis;

    @Override
    public void init(Map<String, String> initArgs) {
        needs = initArgs.getOrDefault("needs", needs);
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        if (needs.contains("postgres")) {
            postgres = TestPostgres.createDatabase("quarkus");
            config.putAll(postgres.appConfig());
        }
        if (needs.contains("rabbitmq")) {
            rabbit = TestRabbit.forRun("quarkus");
            config.putAll(rabbit.appConfig());
        }
        if (needs.contains("mongodb")) {
            mongo = TestMongo.start("quarkus");
            config.putAll(mongo.appConfig());
        }
        if (needs.contains("redis")) {
            redis = TestRedis.forRun("quarkus");
            config.putAll(redis.appConfig());
        }
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(postgres, new TestInjector.MatchesType(TestPostgres.class));
        injector.injectIntoFields(rabbit, new TestInjector.MatchesType(TestRabbit.class));
        injector.injectIntoFields(mongo, new TestInjector.MatchesType(TestMongo.class));
        injector.injectIntoFields(redis, new TestInjector.MatchesType(TestRedis.class));
    }

    @Override
    public void stop() {
        try {
            if (rabbit != null) {
                rabbit.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not clean up RabbitMQ", e);
        } finally {
            if (postgres != null) {
                postgres.close();
            }
            if (mongo != null) {
                mongo.close();
            }
            if (redis != null) {
                redis.close();
            }
        }
    }
}
