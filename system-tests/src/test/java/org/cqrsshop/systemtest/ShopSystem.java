package org.cqrsshop.systemtest;

import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cqrsshop.testing.TestMongo;
import org.cqrsshop.testing.TestPostgres;
import org.cqrsshop.testing.TcpProxy;
import org.cqrsshop.testing.TestRabbit;
import org.cqrsshop.testing.TestRedis;
import org.cqrsshop.testing.TestTokens;

/**
 * The whole system for one test run: a database, exchange and queue of its own on the real
 * PostgreSQL and RabbitMQ, a MongoDB, and both apps as separate processes.
 */
final class ShopSystem implements AutoCloseable {

    final TestPostgres postgres = TestPostgres.createDatabase("system");
    final TestRabbit rabbit = TestRabbit.forRun("system");
    final TestMongo mongo;
    final TestRedis redis = TestRedis.forRun("system");
    /**
     * Each query-app replica's own way to Redis, so that a test can take Redis away from one of
     * them; the first is {@code redis.link}.
     */
    final List<TcpProxy> redisLinks = new ArrayList<>();
    /** The command-app reaches RabbitMQ through this link, so a test can take the broker away from it. */
    final TcpProxy commandAppBrokerLink = TcpProxy.to(rabbit.host, rabbit.port);
    final AppProcess commandApp;
    /** Replicas of the query-app sharing one projection queue, one MongoDB and one Redis. */
    final List<AppProcess> queryApps = new ArrayList<>();
    /** The first replica, the only one unless a test asks for more. */
    final AppProcess queryApp;

    private ShopSystem(int queryAppReplicas, TestMongo mongo, Map<String, String> extraEnvironment) {
        this.mongo = mongo;
        Map<String, String> environment = new HashMap<>();
        environment.putAll(postgres.appConfig());
        environment.putAll(rabbit.appConfig());
        environment.putAll(mongo.appConfig());
        environment.putAll(TestTokens.appConfig());
        environment.putAll(extraEnvironment);
        Map<String, String> commandAppEnvironment = new HashMap<>(environment);
        commandAppEnvironment.put("RABBITMQ_PORT", String.valueOf(commandAppBrokerLink.port()));
        commandAppEnvironment.put("RABBITMQ_RECONNECT_INTERVAL", "1");
        // Shorter than the outage a test causes, so the relay gives up on a batch and retries it.
        commandAppEnvironment.put("CQRS_SHOP_RELAY_CONFIRM_TIMEOUT", "1s");
        commandApp = new AppProcess("command-app", commandAppEnvironment);
        Map<String, String> queryAppEnvironment = new HashMap<>(environment);
        // Gaps are filled, and rebuilds fed, from the command-app's catch-up feed.
        queryAppEnvironment.put("COMMAND_APP_URL", commandApp.url("").toString());
        // Five JVMs on two shared cores answer slower than production's 200 ms Redis budget. Past it a
        // read goes to MongoDB and a notice waits to be repaid, which works, but slows every test down.
        queryAppEnvironment.put("CACHE_REDIS_TIMEOUT", "2s");
        // A read given minVersion waits for the projection; here a relay, a broker and a projection
        // share the two cores with three more JVMs, so production's 5 s is not enough to wait for it.
        // A READ_MODEL_LAGGING test waits all of it (ReadYourWritesIT waits for three side by side).
        queryAppEnvironment.put("READ_YOUR_WRITES_TIMEOUT", "20s");
        for (int replica = 1; replica <= queryAppReplicas; replica++) {
            TcpProxy redisLink = replica == 1 ? redis.link : redis.newLink();
            redisLinks.add(redisLink);
            Map<String, String> replicaEnvironment = new HashMap<>(queryAppEnvironment);
            replicaEnvironment.putAll(redis.appConfig(redisLink));
            queryApps.add(new AppProcess("query-app", replica == 1 ? "query-app" : "query-app-" + replica,
                    replicaEnvironment));
        }
        queryApp = queryApps.get(0);
    }

    static ShopSystem start() throws Exception {
        return start(1);
    }

    static ShopSystem start(int queryAppReplicas) throws Exception {
        return start(queryAppReplicas, Map.of());
    }

    /** @param extraEnvironment settings every app gets on top of the shop's own */
    static ShopSystem start(int queryAppReplicas, Map<String, String> extraEnvironment) throws Exception {
        return start(queryAppReplicas, TestMongo.start("system"), extraEnvironment);
    }

    /**
     * With a MongoDB stand-in that keeps its views in {@code mongoDataFile}, so that a test can stop
     * and start it ({@link TestMongo#stopServer()}) as it would a MongoDB server.
     */
    static ShopSystem startWithPersistentMongo(Path mongoDataFile) throws Exception {
        return start(1, TestMongo.startPersistent("system", mongoDataFile), Map.of());
    }

    private static ShopSystem start(int queryAppReplicas, TestMongo mongo, Map<String, String> extraEnvironment)
            throws Exception {
        ShopSystem system;
        try {
            system = new ShopSystem(queryAppReplicas, mongo, extraEnvironment);
        } catch (RuntimeException e) {
            mongo.close();
            throw e;
        }
        try {
            // The query-app declares its partitions; they must exist before the first event is published.
            for (AppProcess replica : system.queryApps) {
                replica.start();
            }
            system.awaitProjectionQueue();
            system.commandApp.start();
            return system;
        } catch (Exception e) {
            system.close();
            throw e;
        }
    }

    /** Consumers subscribe once the whole topology is declared, bindings included. */
    private void awaitProjectionQueue() throws Exception {
        String lastPartition = rabbit.partitionQueue(TestRabbit.PARTITIONS - 1);
        for (int attempt = 0; attempt < 100; attempt++) {
            try (Channel channel = rabbit.channel()) {
                if (channel.queueDeclarePassive(lastPartition).getConsumerCount() > 0) {
                    return;
                }
            } catch (IOException notDeclaredYet) {
                // declared soon
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the query-app never consumed from " + lastPartition);
    }

    @Override
    public void close() throws Exception {
        try {
            commandApp.close();
            for (AppProcess replica : queryApps) {
                replica.close();
            }
        } finally {
            commandAppBrokerLink.close();
            redisLinks.forEach(TcpProxy::close);
            rabbit.close();
            postgres.close();
            mongo.close();
            redis.close();
        }
    }
}
