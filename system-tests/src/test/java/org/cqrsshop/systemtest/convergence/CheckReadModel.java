package org.cqrsshop.systemtest.convergence;

import java.util.Map;
import org.bson.BsonDocument;
import org.cqrsshop.testing.TestMongo;
import org.cqrsshop.testing.TestPostgres;

/**
 * The {@link ReadModelChecker} for scripts such as {@code bench/scale.sh}: compares a running
 * shop's read model with its event store once, prints what differs, and exits 1 if anything
 * does (2 on wrong arguments).
 *
 * <pre>
 * java -cp system-tests/target/test-classes:$(cat system-tests/target/test.classpath) \
 *     org.cqrsshop.systemtest.convergence.CheckReadModel &lt;postgres-database&gt; &lt;mongodb-uri&gt; &lt;mongodb-database&gt;
 * </pre>
 *
 * PostgreSQL is reached as the tests reach it ({@code CQRS_TEST_POSTGRES_HOST}, {@code _PORT},
 * {@code _USER}, {@code _PASSWORD}). The first line reads
 * {@code checked <n> views: <m> differ from the fold of their stream}, for the script to parse.
 */
public final class CheckReadModel {

    private CheckReadModel() {}

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: CheckReadModel <postgres-database> <mongodb-uri> <mongodb-database>");
            System.exit(2);
        }
        TestPostgres store = TestPostgres.existing(args[0]);
        TestMongo readModel = TestMongo.existing(args[1], args[2]);
        ConvergenceReport report;
        int expected;
        try (ReadModelChecker checker = new ReadModelChecker(store, readModel)) {
            Map<String, Map<String, BsonDocument>> expectedViews = checker.expectedViews();
            expected = expectedViews.values().stream().mapToInt(Map::size).sum();
            report = ConvergenceReport.compare(expectedViews, checker.views().snapshot());
        }
        long viewsThatDiffer = report.differences().stream()
                .map(difference -> difference.collection() + "/" + difference.viewId())
                .distinct()
                .count();
        System.out.println("checked " + expected + " views: " + viewsThatDiffer + " differ from the fold of their stream");
        System.out.println(report);
        System.exit(report.converged() ? 0 : 1);
    }
}
