package org.cqrsshop.systemtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.language.EnumTypeDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.ObjectTypeDefinition;
import graphql.language.Type;
import graphql.language.TypeDefinition;
import graphql.language.TypeName;
import graphql.language.UnionTypeDefinition;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.cqrsshop.systemtest.HostileCorpus.App;
import org.cqrsshop.systemtest.HostileCorpus.HostileRequest;
import org.cqrsshop.systemtest.HostileCorpus.Refusal;
import org.cqrsshop.testing.TestTokens;

/**
 * The part of the hostile corpus generated from the apps' committed schemas ({@code schema.graphql}),
 * so that a new operation or argument is covered the day it appears: every {@code Int} and
 * {@code BigInteger} input of every query and mutation at and past its range, every text input
 * with control characters, each as a literal and as a variable; and every federation
 * {@code _entities} entry point with malformed representations, for every kind of caller.
 *
 * <p>Each case fills the operation's other required inputs with valid values, so that a value
 * narrowed into range, rather than refused, would be carried out, and show.
 */
final class SchemaCorpus {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VARIABLE = "hostile";
    private static final String OUT_OF_RANGE = "must be a whole number";
    /** Subscriptions are served over WebSocket; over HTTP the guard refuses them before any argument is read. */
    private static final List<String> ROOTS = List.of("Query", "Mutation");
    private static final Set<String> FREE_TEXT = Set.of("description", "reason");

    /** Int values: the literal text, which is also the JSON of the variable. */
    private static final List<String> INTS_OUT_OF_RANGE = List.of("2147483648", "-2147483649", "4294967301", "1.5", "\"4294967301\"");
    private static final List<String> INTS_IN_RANGE = List.of("2147483647", "-2147483648", "\"7\"");
    private static final List<String> BIG_INTEGERS_OUT_OF_RANGE = List.of("9223372036854775808", "-9223372036854775809",
            "18446744073709551617", "1.5", "\"12x\"");
    /** Escapes, the same in a GraphQL string and a JSON one. */
    private static final List<String> CONTROLS = List.of("\\u0000", "\\u0007", "\\u001F", "\\u007F", "\\u0085", "\\u009F");
    private static final String LONE_SURROGATE = "\\uD800";

    private final List<HostileRequest> requests = new ArrayList<>();
    private final String product;
    private final String order;
    private final UUID alice;
    private final String admin = TestTokens.admin();
    private final Map<String, String> callers = new LinkedHashMap<>();

    private App app;
    private TypeDefinitionRegistry schema;

    private SchemaCorpus(String product, String order, UUID alice, UUID bob) {
        this.product = product;
        this.order = order;
        this.alice = alice;
        callers.put("anonymous", null);
        callers.put("the customer", TestTokens.customer(alice));
        callers.put("another customer", TestTokens.customer(bob));
        callers.put("an admin", admin);
    }

    /** @param order an order of {@code alice}'s for {@code product}, at version 1 */
    static List<HostileRequest> against(String product, String order, UUID alice, UUID bob) {
        SchemaCorpus corpus = new SchemaCorpus(product, order, alice, bob);
        for (App app : App.values()) {
            corpus.app = app;
            corpus.schema = new SchemaParser().parse(schemaText(app));
            int before = corpus.requests.size();
            for (String root : ROOTS) {
                if (corpus.schema.getType(root).orElse(null) instanceof ObjectTypeDefinition type) {
                    for (FieldDefinition field : type.getFieldDefinitions()) {
                        if (!field.getName().startsWith("_")) {
                            for (Leaf leaf : corpus.leaves(field)) {
                                corpus.hostileValues(root, field, leaf);
                            }
                        }
                    }
                }
            }
            if (corpus.requests.size() == before) {
                throw new IllegalStateException("no inputs found in the " + app + " schema");
            }
            corpus.entities();
        }
        return corpus.requests;
    }

    private static String schemaText(App app) {
        Path file = Path.of("..", app == App.COMMAND ? "command-app" : "query-app", "schema.graphql");
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("the corpus is generated from " + file.toAbsolutePath(), e);
        }
    }

    /**
     * An input that takes a scalar, anywhere in a field's arguments.
     *
     * @param path as the apps name it in errors, e.g. {@code input.lines[0].quantity}
     * @param type where it sits, e.g. {@code Int!}, for a variable put there
     */
    private record Leaf(String path, String name, String scalar, Type<?> type) {}

    private List<Leaf> leaves(FieldDefinition field) {
        List<Leaf> leaves = new ArrayList<>();
        for (InputValueDefinition argument : field.getInputValueDefinitions()) {
            collect(argument.getName(), argument.getName(), argument.getType(), leaves, 0);
        }
        return leaves;
    }

    private void collect(String path, String name, Type<?> type, List<Leaf> leaves, int depth) {
        Type<?> inner = type instanceof NonNullType nonNull ? nonNull.getType() : type;
        if (inner instanceof ListType list) {
            collect(path + "[0]", name, list.getType(), leaves, depth);
            return;
        }
        String typeName = ((TypeName) inner).getName();
        TypeDefinition<?> definition = schema.getType(typeName).orElse(null);
        if (definition instanceof InputObjectTypeDefinition input) {
            if (depth < 4) {
                for (InputValueDefinition field : input.getInputValueDefinitions()) {
                    collect(path + "." + field.getName(), field.getName(), field.getType(), leaves, depth + 1);
                }
            }
        } else if (List.of("Int", "BigInteger", "String", "ID").contains(typeName)) {
            leaves.add(new Leaf(path, name, typeName, type));
        }
    }

    private void hostileValues(String root, FieldDefinition field, Leaf leaf) {
        String label = app + " " + field.getName() + " " + leaf.path() + " ";
        switch (leaf.scalar()) {
            case "Int" -> {
                for (String value : INTS_OUT_OF_RANGE) {
                    both(label + value, root, field, leaf, value, value, admin, true,
                            new Refusal("VALIDATION_FAILED", List.of(leaf.name(), OUT_OF_RANGE)),
                            new Refusal("VALIDATION_FAILED", List.of("'" + VARIABLE + "'", OUT_OF_RANGE)));
                }
                for (String value : INTS_IN_RANGE) {
                    // Legal, so a mutation goes without a caller, to be refused after its value is read, and write nothing.
                    boolean write = root.equals("Mutation");
                    both(label + value, root, field, leaf, value, value, write ? null : admin, write, null, null);
                }
            }
            case "BigInteger" -> {
                for (String value : BIG_INTEGERS_OUT_OF_RANGE) {
                    Refusal refusal = new Refusal("VALIDATION_FAILED", List.of());
                    both(label + value, root, field, leaf, value, value, admin, true, refusal, refusal);
                }
            }
            default -> {
                for (String control : CONTROLS) {
                    String text = "\"a" + control + "b\"";
                    Refusal refusal = new Refusal("VALIDATION_FAILED", List.of("\"field\":\"" + leaf.path() + "\""));
                    both(label + control, root, field, leaf, text, text, admin, true, refusal, refusal);
                }
                // The GraphQL parser refuses a lone surrogate in a literal itself; only a variable can carry one this far.
                String text = "\"a" + LONE_SURROGATE + "b\"";
                variable(label + "lone surrogate", root, field, leaf, text, admin, true,
                        new Refusal("VALIDATION_FAILED", List.of("\"field\":\"" + leaf.path() + "\"", "surrogate")));
                literal(label + "lone surrogate literal", root, field, leaf, text, admin, true,
                        new Refusal("VALIDATION_FAILED", List.of()));
                if (FREE_TEXT.contains(leaf.name())) {
                    // Free text may span lines, but a bell is still no text.
                    String bell = "\"line\\n\\u0007\"";
                    variable(label + "bell after a new line", root, field, leaf, bell, admin, true,
                            new Refusal("VALIDATION_FAILED", List.of("\"field\":\"" + leaf.path() + "\"")));
                }
            }
        }
    }

    private void both(String name, String root, FieldDefinition field, Leaf leaf, String literal, String json, String token,
            boolean mustBeRefused, Refusal asLiteral, Refusal asVariable) {
        literal(name + " (literal)", root, field, leaf, literal, token, mustBeRefused, asLiteral);
        variable(name + " (variable)", root, field, leaf, json, token, mustBeRefused, asVariable);
    }

    private void literal(String name, String root, FieldDefinition field, Leaf leaf, String literal, String token,
            boolean mustBeRefused, Refusal refusal) {
        String document = root.toLowerCase() + " { " + call(field, leaf, literal) + " }";
        add(name, token, "{\"query\": " + json(document) + "}", mustBeRefused, refusal);
    }

    private void variable(String name, String root, FieldDefinition field, Leaf leaf, String json, String token,
            boolean mustBeRefused, Refusal refusal) {
        String document = root.toLowerCase() + " ($" + VARIABLE + ": " + typeText(leaf.type()) + ") { "
                + call(field, leaf, "$" + VARIABLE) + " }";
        add(name, token, "{\"query\": " + json(document) + ", \"variables\": {\"" + VARIABLE + "\": " + json + "}}",
                mustBeRefused, refusal);
    }

    private void add(String name, String token, String body, boolean mustBeRefused, Refusal refusal) {
        requests.add(new HostileRequest(name, app, token, "application/json", body, mustBeRefused, refusal));
    }

    /** The field with its required inputs filled validly, and {@code value} at the leaf's place. */
    private String call(FieldDefinition field, Leaf leaf, String value) {
        List<String> arguments = new ArrayList<>();
        for (InputValueDefinition argument : field.getInputValueDefinitions()) {
            String filled = fill(argument.getName(), argument.getName(), argument.getType(), argument.getDefaultValue() != null,
                    leaf, value);
            if (filled != null) {
                arguments.add(argument.getName() + ": " + filled);
            }
        }
        return field.getName() + (arguments.isEmpty() ? "" : "(" + String.join(", ", arguments) + ")") + selection(field.getType());
    }

    /** @return the value at {@code path}, or {@code null} to leave out an optional input off the leaf's path */
    private String fill(String path, String name, Type<?> type, boolean hasDefault, Leaf leaf, String value) {
        if (path.equals(leaf.path())) {
            return value;
        }
        boolean onPath = leaf.path().startsWith(path + ".") || leaf.path().startsWith(path + "[");
        boolean required = type instanceof NonNullType && !hasDefault;
        if (!onPath && !required) {
            return null;
        }
        Type<?> inner = type instanceof NonNullType nonNull ? nonNull.getType() : type;
        if (inner instanceof ListType list) {
            String element = fill(path + "[0]", name, list.getType(), false, leaf, value);
            return "[" + (element == null ? "" : element) + "]";
        }
        String typeName = ((TypeName) inner).getName();
        TypeDefinition<?> definition = schema.getType(typeName).orElse(null);
        if (definition instanceof InputObjectTypeDefinition input) {
            List<String> fields = new ArrayList<>();
            for (InputValueDefinition field : input.getInputValueDefinitions()) {
                String filled = fill(path + "." + field.getName(), field.getName(), field.getType(), field.getDefaultValue() != null,
                        leaf, value);
                if (filled != null) {
                    fields.add(field.getName() + ": " + filled);
                }
            }
            return "{" + String.join(", ", fields) + "}";
        }
        if (definition instanceof EnumTypeDefinition enumeration) {
            return enumeration.getEnumValueDefinitions().get(0).getName();
        }
        return plausible(name, typeName);
    }

    private String plausible(String name, String scalar) {
        return switch (scalar) {
            case "ID" -> "\"" + (name.toLowerCase().contains("customer") ? alice.toString()
                    : name.toLowerCase().contains("order") ? order : product) + "\"";
            case "Int" -> "1";
            case "BigInteger" -> "100";
            case "Boolean" -> "false";
            case "DateTime" -> name.equals("to") ? "\"2026-02-01T00:00:00Z\"" : "\"2026-01-01T00:00:00Z\"";
            case "String" -> switch (name) {
                case "currency" -> "\"EUR\"";
                case "country" -> "\"BE\"";
                case "sku" -> "\"SCHEMA-" + UUID.randomUUID().toString().substring(0, 8) + "\"";
                default -> "\"Schema corpus\"";
            };
            default -> "\"x\"";
        };
    }

    private String selection(Type<?> type) {
        Type<?> inner = type;
        while (!(inner instanceof TypeName)) {
            inner = inner instanceof NonNullType nonNull ? nonNull.getType() : ((ListType) inner).getType();
        }
        TypeDefinition<?> definition = schema.getType(((TypeName) inner).getName()).orElse(null);
        // Only composite types take a selection; a scalar's (Int, String) definition is in the registry too.
        return definition instanceof ObjectTypeDefinition || definition instanceof InterfaceTypeDefinition
                || definition instanceof UnionTypeDefinition ? " { __typename }" : "";
    }

    private static String typeText(Type<?> type) {
        if (type instanceof NonNullType nonNull) {
            return typeText(nonNull.getType()) + "!";
        }
        if (type instanceof ListType list) {
            return "[" + typeText(list.getType()) + "]";
        }
        return ((TypeName) type).getName();
    }

    /**
     * Federation's way in, {@code _entities}, with representations that do not fit an entity's
     * key, for each entity and each kind of caller: each is refused as the caller's mistake,
     * naming what is wrong. A well-formed one for the caller's own order or a product may be answered.
     */
    private void entities() {
        String query = "query ($representations: [_Any!]!) { _entities(representations: $representations) { __typename } }";
        for (String entity : List.of("Product", "Cart", "Order")) {
            String id = entity.equals("Product") ? product : entity.equals("Order") ? order : UUID.randomUUID().toString();
            Map<String, String> malformed = new LinkedHashMap<>();
            malformed.put("without version", "[{\"__typename\": \"" + entity + "\", \"id\": \"" + id + "\"}]");
            malformed.put("without id", "[{\"__typename\": \"" + entity + "\", \"version\": 1}]");
            malformed.put("with only __typename", "[{\"__typename\": \"" + entity + "\"}]");
            malformed.put("id a number", "[{\"__typename\": \"" + entity + "\", \"id\": 5, \"version\": 1}]");
            malformed.put("version a string", "[{\"__typename\": \"" + entity + "\", \"id\": \"" + id + "\", \"version\": \"1\"}]");
            malformed.put("version 1.5", "[{\"__typename\": \"" + entity + "\", \"id\": \"" + id + "\", \"version\": 1.5}]");
            malformed.put("version past 32 bits", "[{\"__typename\": \"" + entity + "\", \"id\": \"" + id + "\", \"version\": 4294967297}]");
            malformed.put("a field beyond the key", "[{\"__typename\": \"" + entity + "\", \"id\": \"" + id
                    + "\", \"version\": 1, \"status\": \"PAID\"}]");
            malformed.put("a good one, then one without version", "[{\"__typename\": \"" + entity + "\", \"id\": \"" + id
                    + "\", \"version\": 1}, {\"__typename\": \"" + entity + "\", \"id\": \"" + id + "\"}]");
            malformed.put("a control character in the id", "[{\"__typename\": \"" + entity + "\", \"id\": \"a\\u0000b\", \"version\": 1}]");
            for (Map.Entry<String, String> representations : malformed.entrySet()) {
                for (Map.Entry<String, String> caller : callers.entrySet()) {
                    add(app + " _entities " + entity + " " + representations.getKey() + " as " + caller.getKey(), caller.getValue(),
                            "{\"query\": " + json(query) + ", \"variables\": {\"representations\": " + representations.getValue() + "}}",
                            true, new Refusal("VALIDATION_FAILED", List.of("representations[")));
                }
            }
            for (Map.Entry<String, String> caller : callers.entrySet()) {
                // Refused, but by the resolver's rules for this caller (UNAUTHENTICATED for Cart and Order anonymously).
                add(app + " _entities " + entity + " with an id that is not a UUID as " + caller.getKey(), caller.getValue(),
                        "{\"query\": " + json(query) + ", \"variables\": {\"representations\": [{\"__typename\": \"" + entity
                                + "\", \"id\": \"not-a-uuid\", \"version\": 1}]}}", true, null);
                add(app + " _entities " + entity + " literal without version as " + caller.getKey(), caller.getValue(),
                        "{\"query\": " + json("{ _entities(representations: [{__typename: \"" + entity + "\", id: \"" + id
                                + "\"}]) { __typename } }") + "}", true, new Refusal("VALIDATION_FAILED", List.of("representations[0].version")));
            }
        }
        for (Map.Entry<String, String> caller : callers.entrySet()) {
            for (String representations : List.of("[{\"__typename\": \"Invoice\", \"id\": \"" + product + "\", \"version\": 1}]",
                    "[{\"id\": \"" + product + "\", \"version\": 1}]", "[\"Product\"]", "\"Product\"", "[[{\"__typename\": \"Product\"}]]",
                    "{\"__typename\": \"Product\"}", "[42]")) {
                add(app + " _entities " + representations + " as " + caller.getKey(), caller.getValue(),
                        "{\"query\": " + json(query) + ", \"variables\": {\"representations\": " + representations + "}}", true,
                        new Refusal("VALIDATION_FAILED", List.of()));
            }
            // Well formed: the product for anyone, alice's order for her and an admin, refused for the others.
            add(app + " _entities Product well formed as " + caller.getKey(), caller.getValue(), "{\"query\": " + json(query)
                    + ", \"variables\": {\"representations\": [{\"__typename\": \"Product\", \"id\": \"" + product + "\", \"version\": 1}]}}",
                    false, null);
            add(app + " _entities Order well formed as " + caller.getKey(), caller.getValue(), "{\"query\": " + json(query)
                    + ", \"variables\": {\"representations\": [{\"__typename\": \"Order\", \"id\": \"" + order + "\", \"version\": 1}]}}",
                    false, null);
        }
    }

    private static String json(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
