package org.cqrsshop.systemtest.convergence;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * Every difference between two sets of view documents, collection by collection and field by
 * field; empty when they are equal.
 */
public record ConvergenceReport(List<ViewDifference> differences) {

    static final String ABSENT = "(absent)";
    /** Enough to see a pattern; a broken projection can differ in every view. */
    private static final int MAX_LISTED = 100;
    private static final JsonWriterSettings JSON = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    public ConvergenceReport {
        differences = List.copyOf(differences);
    }

    public boolean converged() {
        return differences.isEmpty();
    }

    /**
     * Compares two snapshots of the read model, each keyed by collection and then by view id.
     * Fields are compared as BSON values, so an int stored where a long belongs counts too.
     */
    public static ConvergenceReport compare(
            Map<String, Map<String, BsonDocument>> expected, Map<String, Map<String, BsonDocument>> actual) {
        List<ViewDifference> differences = new ArrayList<>();
        Set<String> collections = new TreeSet<>(expected.keySet());
        collections.addAll(actual.keySet());
        for (String collection : collections) {
            Map<String, BsonDocument> expectedViews = expected.getOrDefault(collection, Map.of());
            Map<String, BsonDocument> actualViews = actual.getOrDefault(collection, Map.of());
            Set<String> ids = new TreeSet<>(expectedViews.keySet());
            ids.addAll(actualViews.keySet());
            for (String id : ids) {
                BsonDocument expectedView = expectedViews.get(id);
                BsonDocument actualView = actualViews.get(id);
                if (actualView == null) {
                    differences.add(new ViewDifference.Missing(collection, id));
                } else if (expectedView == null) {
                    differences.add(new ViewDifference.Extra(collection, id));
                } else {
                    compareDocuments(collection, id, "", expectedView, actualView, differences);
                }
            }
        }
        return new ConvergenceReport(differences);
    }

    private static void compareDocuments(String collection, String id, String path, BsonDocument expected,
            BsonDocument actual, List<ViewDifference> differences) {
        // Field order is how a writer happened to lay the document out, not part of its meaning.
        Set<String> fields = new LinkedHashSet<>(expected.keySet());
        fields.addAll(actual.keySet());
        for (String field : fields) {
            compareValues(collection, id, path.isEmpty() ? field : path + "." + field,
                    expected.get(field), actual.get(field), differences);
        }
    }

    private static void compareValues(String collection, String id, String path, BsonValue expected, BsonValue actual,
            List<ViewDifference> differences) {
        if (expected != null && actual != null) {
            if (expected.isDocument() && actual.isDocument()) {
                compareDocuments(collection, id, path, expected.asDocument(), actual.asDocument(), differences);
                return;
            }
            if (expected.isArray() && actual.isArray()) {
                compareArrays(collection, id, path, expected.asArray(), actual.asArray(), differences);
                return;
            }
            if (expected.equals(actual)) {
                return;
            }
        }
        boolean typesDiffer = expected != null && actual != null && expected.getBsonType() != actual.getBsonType();
        differences.add(new ViewDifference.Field(
                collection, id, path, render(expected, typesDiffer), render(actual, typesDiffer)));
    }

    private static void compareArrays(String collection, String id, String path, BsonArray expected, BsonArray actual,
            List<ViewDifference> differences) {
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            compareValues(collection, id, path + "[" + i + "]",
                    i < expected.size() ? expected.get(i) : null,
                    i < actual.size() ? actual.get(i) : null,
                    differences);
        }
    }

    private static String render(BsonValue value, boolean withType) {
        if (value == null) {
            return ABSENT;
        }
        String json = new BsonDocument("v", value).toJson(JSON);
        // {"v": <value>} -> <value>
        String rendered = json.substring(json.indexOf(':') + 1, json.length() - 1).trim();
        return withType ? rendered + " (" + value.getBsonType() + ")" : rendered;
    }

    @Override
    public String toString() {
        if (differences.isEmpty()) {
            return "the read model equals the event store";
        }
        StringBuilder report = new StringBuilder()
                .append(differences.size()).append(differences.size() == 1 ? " difference:" : " differences:");
        differences.stream().limit(MAX_LISTED).forEach(difference -> report.append("\n  ").append(difference));
        if (differences.size() > MAX_LISTED) {
            report.append("\n  ... and ").append(differences.size() - MAX_LISTED).append(" more");
        }
        return report.toString();
    }
}
