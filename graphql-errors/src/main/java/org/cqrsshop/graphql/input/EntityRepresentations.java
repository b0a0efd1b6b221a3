package org.cqrsshop.graphql.input;

import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLDirective;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.GraphQLUnionType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.cqrsshop.graphql.errors.InvalidInput;

/**
 * The entities a subgraph resolves through federation's {@code _entities}, by type name, each
 * with its key fields and their GraphQL types. SmallRye picks an entity's resolver by the names
 * of the fields a representation carries, so a representation that lacks a key field, carries
 * another, or names an unknown type finds no resolver and fails as a server error; a key of
 * the wrong JSON type fails inside the resolver's argument conversion. Checking each
 * representation against the keys first turns the caller's mistake into {@code VALIDATION_FAILED}.
 */
final class EntityRepresentations {

    static final String TYPENAME = "__typename";

    private final Map<String, Map<String, String>> keysByType;

    private EntityRepresentations(Map<String, Map<String, String>> keysByType) {
        this.keysByType = keysByType;
    }

    static EntityRepresentations of(GraphQLSchema schema) {
        Map<String, Map<String, String>> keysByType = new LinkedHashMap<>();
        if (schema.getType("_Entity") instanceof GraphQLUnionType entities) {
            for (GraphQLNamedType member : entities.getTypes()) {
                if (member instanceof GraphQLObjectType entity) {
                    keysByType.put(entity.getName(), keyFields(entity));
                }
            }
        }
        return new EntityRepresentations(keysByType);
    }

    /** The fields of the entity's @key, each with the name of its type ("ID", "Int"). */
    private static Map<String, String> keyFields(GraphQLObjectType entity) {
        Set<String> names = new LinkedHashSet<>();
        for (GraphQLAppliedDirective key : entity.getAppliedDirectives("key")) {
            Object fields = key.getArgument("fields").getValue();
            names.addAll(Arrays.asList(String.valueOf(fields).trim().split("\\s+")));
        }
        for (GraphQLDirective key : entity.getDirectives("key")) {
            Object fields = key.getArgument("fields").toAppliedArgument().getValue();
            names.addAll(Arrays.asList(String.valueOf(fields).trim().split("\\s+")));
        }
        Map<String, String> keys = new LinkedHashMap<>();
        for (String name : names) {
            GraphQLFieldDefinition field = entity.getFieldDefinition(name);
            GraphQLType type = field == null ? null : GraphQLTypeUtil.unwrapAll(field.getType());
            keys.put(name, type instanceof GraphQLNamedType named ? named.getName() : "");
        }
        return keys;
    }

    /** Refuses the first malformed representation, naming it by its place in the list. */
    void check(Object representations) {
        List<?> list = representations instanceof List<?> given ? given : List.of(representations);
        for (int i = 0; i < list.size(); i++) {
            String at = "representations[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> representation)) {
                throw new InvalidInput(at, "must be an object with __typename and the entity's key fields");
            }
            Object typename = representation.get(TYPENAME);
            Map<String, String> keys = typename instanceof String name ? keysByType.get(name) : null;
            if (keys == null) {
                throw new InvalidInput(at + "." + TYPENAME, "must name an entity of this subgraph: one of "
                        + new TreeSet<>(keysByType.keySet()));
            }
            String keyList = String.join(" ", keys.keySet());
            for (Map.Entry<String, String> key : keys.entrySet()) {
                Object value = representation.get(key.getKey());
                if (value == null) {
                    throw new InvalidInput(at + "." + key.getKey(), "is missing: the key of " + typename + " is " + keyList);
                }
                String problem = problemWith(value, key.getValue());
                if (problem != null) {
                    throw new InvalidInput(at + "." + key.getKey(), problem);
                }
            }
            for (Object field : representation.keySet()) {
                if (!TYPENAME.equals(field) && !keys.containsKey(field)) {
                    throw new InvalidInput(at + "." + field, "is not part of the key of " + typename + " (" + keyList + ")");
                }
            }
        }
    }

    private static String problemWith(Object value, String type) {
        return switch (type) {
            case "ID", "String" -> value instanceof String ? null : "must be a string";
            // A JSON number (SmallRye reads variables' numbers as BigDecimal); a string would meet the resolver's own rules.
            // Not negative: our Int keys are versions, and SmallRye's Bean Validation of a federated resolver's
            // arguments fails with an AssertionError (HTTP 500) instead of reporting @PositiveOrZero.
            case "Int" -> {
                Integer number = value instanceof Number ? StrictInt.fromNumber(value) : null;
                yield number != null && number >= 0 ? null : "must be a whole number from 0 to " + Integer.MAX_VALUE;
            }
            default -> null;
        };
    }
}
