package org.cqrsshop.graphql.input;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ErrorType;
import graphql.ExceptionWhileDataFetching;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.TypeResolver;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import io.smallrye.graphql.scalar.number.BigIntegerScalar;
import io.smallrye.graphql.scalar.number.IntegerScalar;
import java.util.List;
import java.util.Map;
import org.cqrsshop.graphql.errors.InvalidInput;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The edge on a small schema built as SmallRye builds the apps': SmallRye's own Int, federation's _entities. */
class InputEdgeTest {

    private static final String SDL = """
            directive @key(fields: String!) repeatable on OBJECT
            scalar BigInteger
            scalar _Any
            union _Entity = Order
            type Order @key(fields: "id version") { id: ID! version: Int! }
            input LineInput { productId: ID, quantity: Int! }
            input ItemInput { name: String, description: String, lines: [LineInput!] }
            type Query {
              count(n: Int!): Int
              amount(a: BigInteger!): String
              item(input: ItemInput!): String
              _entities(representations: [_Any!]!): [_Entity]!
            }
            """;

    private final GraphQL engine = engine();

    private static GraphQL engine() {
        GraphQLScalarType smallRyeInt = new IntegerScalar().getScalarType();
        GraphQLScalarType any = GraphQLScalarType.newScalar().name("_Any").coercing(new graphql.schema.Coercing<Object, Object>() {
            @Override
            public Object parseValue(Object input, graphql.GraphQLContext context, java.util.Locale locale) {
                return input;
            }
        }).build();
        TypeResolver order = environment -> environment.getSchema().getObjectType("Order");
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring().strictMode(false)
                .scalar(smallRyeInt)
                .scalar(new BigIntegerScalar().getScalarType())
                .scalar(any)
                .type("_Entity", type -> type.typeResolver(order))
                .type("Query", type -> type
                        .dataFetcher("count", environment -> environment.getArgument("n"))
                        .dataFetcher("amount", environment -> environment.getArgument("a").getClass().getSimpleName()
                                + " " + environment.getArgument("a"))
                        .dataFetcher("item", environment -> "written")
                        .dataFetcher("_entities", environment -> List.of()))
                .build();
        GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SDL), wiring);
        return new InputEdge().beforeGraphQLBuild(GraphQL.newGraphQL(schema)).build();
    }

    @Test
    void smallryes_own_int_wraps_a_value_past_32_bits_which_is_why_the_edge_replaces_it() {
        GraphQLScalarType smallRyeInt = new IntegerScalar().getScalarType();

        assertThat(smallRyeInt.getCoercing().parseLiteral(new graphql.language.IntValue(java.math.BigInteger.valueOf(4294967301L))))
                .isEqualTo(5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2147483648", "-2147483649", "4294967301", "1.5", "1e10", "\"4294967301\"", "\"1.5\"", "\"x\"", "true"})
    void an_int_literal_out_of_range_or_not_whole_is_a_request_error(String literal) {
        ExecutionResult result = engine.execute("{ count(n: " + literal + ") }");

        assertThat(result.getErrors()).singleElement().satisfies(error -> {
            assertThat(error.getErrorType()).isEqualTo(ErrorType.ValidationError);
            assertThat(error.getMessage()).contains("'n'", StrictInt.RANGE);
        });
        assertThat((Object) result.getData()).isNull();
    }

    static List<Object> variablesOutOfRange() {
        return List.of(2147483648L, -2147483649L, 4294967298L, new java.math.BigInteger("99999999999999999999"),
                new java.math.BigDecimal("1.5"), 1.5d, 1e10d, "4294967301", "seven", "", true, Map.of("n", 1), List.of(1));
    }

    @ParameterizedTest
    @MethodSource("variablesOutOfRange")
    void an_int_variable_out_of_range_or_not_whole_is_a_request_error(Object value) {
        ExecutionResult result = engine.execute(ExecutionInput.newExecutionInput("query ($n: Int!) { count(n: $n) }")
                .variables(Map.of("n", value)));

        assertThat(result.getErrors()).singleElement().satisfies(error -> {
            assertThat(error.getErrorType()).isEqualTo(ErrorType.ValidationError);
            assertThat(error.getMessage()).contains("'n'");
        });
        assertThat((Object) result.getData()).isNull();
    }

    @Test
    void ints_within_range_arrive_as_they_were_sent_whatever_their_form() {
        assertThat(countOf("2147483647")).isEqualTo(Integer.MAX_VALUE);
        assertThat(countOf("-2147483648")).isEqualTo(Integer.MIN_VALUE);
        assertThat(countOf("\"7\"")).isEqualTo(7);
        ExecutionResult variable = engine.execute(ExecutionInput.newExecutionInput("query ($n: Int!) { count(n: $n) }")
                .variables(Map.of("n", 2147483647L)));
        assertThat(variable.getErrors()).isEmpty();
        assertThat(variable.<Map<String, Object>>getData().get("count")).isEqualTo(Integer.MAX_VALUE);
    }

    private Object countOf(String literal) {
        ExecutionResult result = engine.execute("{ count(n: " + literal + ") }");
        assertThat(result.getErrors()).isEmpty();
        return result.<Map<String, Object>>getData().get("count");
    }

    static List<Object> bigIntegersNotWhole() {
        return List.of(new java.math.BigDecimal("1.5"), 1.5d, "12x", "1.5", "", "9".repeat(101), true, Map.of("a", 1));
    }

    @ParameterizedTest
    @MethodSource("bigIntegersNotWhole")
    void a_big_integer_variable_that_is_not_whole_is_a_request_error(Object value) {
        ExecutionResult result = engine.execute(ExecutionInput.newExecutionInput("query ($a: BigInteger!) { amount(a: $a) }")
                .variables(Map.of("a", value)));

        assertThat(result.getErrors()).singleElement().satisfies(error -> {
            assertThat(error.getErrorType()).isEqualTo(ErrorType.ValidationError);
            assertThat(error.getMessage()).contains("'a'", StrictBigInteger.WHOLE);
        });
    }

    @Test
    void a_big_integer_arrives_whole_and_as_a_big_integer_whatever_its_form() {
        for (Object value : List.of("18446744073709551617", new java.math.BigDecimal("18446744073709551617"),
                new java.math.BigInteger("18446744073709551617"))) {
            ExecutionResult result = engine.execute(ExecutionInput.newExecutionInput("query ($a: BigInteger!) { amount(a: $a) }")
                    .variables(Map.of("a", value)));
            assertThat(result.getErrors()).as(value.toString()).isEmpty();
            assertThat(result.<Map<String, Object>>getData().get("amount")).isEqualTo("BigInteger 18446744073709551617");
        }
        assertThat(engine.execute("{ amount(a: 1.5) }").getErrors()).singleElement()
                .satisfies(error -> assertThat(error.getMessage()).contains(StrictBigInteger.WHOLE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\u0000", "\\u0007", "\\u001F", "\\u007F", "\\u0085", "\\u009F", "\\uFFFF", "\\t", "\\n"})
    void a_control_character_or_lone_surrogate_in_a_name_is_refused_naming_the_field(String escaped) {
        assertThat(refusedField("{ item(input: {name: \"a" + escaped + "b\"}) }")).isEqualTo("input.name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\u0000", "\\u0007", "\\u007F", "\\u0085"})
    void free_text_refuses_the_same_characters(String escaped) {
        assertThat(refusedField("{ item(input: {description: \"a" + escaped + "b\"}) }")).isEqualTo("input.description");
    }

    @Test
    void free_text_may_span_lines_and_any_text_may_hold_any_real_character() {
        ExecutionResult result = engine.execute("{ item(input: {name: \"Tasse \\u00E0 caf\\u00E9 \\uD83D\\uDE00 \\u202E\","
                + " description: \"line one\\n\\tline two\\r\\n\"}) }");

        assertThat(result.getErrors()).isEmpty();
        assertThat(result.<Map<String, Object>>getData().get("item")).isEqualTo("written");
    }

    @Test
    void text_deep_in_a_list_is_named_by_its_place() {
        assertThat(refusedField("{ item(input: {lines: [{quantity: 1}, {productId: \"p\\u0000\", quantity: 1}]}) }"))
                .isEqualTo("input.lines[1].productId");
    }

    @Test
    void text_in_a_variable_is_checked_as_a_literal_is() {
        ExecutionResult result = engine.execute(ExecutionInput.newExecutionInput("query ($i: ItemInput!) { item(input: $i) }")
                .variables(Map.of("i", Map.of("name", "nul\u0000"))));

        assertThat(refusal(result).field()).isEqualTo("input.name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uD800", "x\uDC00y", "\uDBFF", "ok\uD83D"})
    void a_lone_surrogate_which_only_a_variable_can_carry_is_refused(String text) {
        // graphql-java's parser already refuses one in a literal as a syntax error.
        ExecutionResult result = engine.execute(ExecutionInput.newExecutionInput("query ($i: ItemInput!) { item(input: $i) }")
                .variables(Map.of("i", Map.of("description", text))));

        InvalidInput refused = refusal(result);
        assertThat(refused.field()).isEqualTo("input.description");
        assertThat(refused.getMessage()).contains("lone surrogate");
    }

    @Test
    void a_representation_without_a_key_field_names_the_missing_key() {
        InvalidInput refused = refusal(entities(List.of(Map.of("__typename", "Order", "id", "o-1"))));

        assertThat(refused.field()).isEqualTo("representations[0].version");
        assertThat(refused.getMessage()).contains("missing", "id version");
    }

    @Test
    void every_malformed_representation_is_refused_naming_what_is_wrong() {
        Map<Object, String> fieldByRepresentations = Map.of(
                List.of(Map.of("__typename", "Order", "version", 1)), "representations[0].id",
                List.of(Map.of("__typename", "Order", "id", 5, "version", 1)), "representations[0].id",
                List.of(Map.of("__typename", "Order", "id", "o", "version", "1")), "representations[0].version",
                List.of(Map.of("__typename", "Order", "id", "o", "version", 1.5)), "representations[0].version",
                List.of(Map.of("__typename", "Order", "id", "o", "version", 4294967297L)), "representations[0].version",
                List.of(Map.of("__typename", "Order", "id", "o", "version", 1, "total", 5)), "representations[0].total",
                List.of(Map.of("__typename", "Order", "id", "o", "version", 1), Map.of("__typename", "Invoice", "id", "o", "version", 1)),
                "representations[1].__typename",
                List.of(Map.of("id", "o", "version", 1)), "representations[0].__typename",
                "Order", "representations[0]",
                List.of(List.of(Map.of("__typename", "Order"))), "representations[0]");
        assertThat(refusal(entities(List.of(Map.of("__typename", "Order", "id", "o", "version", -1)))).field())
                .isEqualTo("representations[0].version");
        fieldByRepresentations.forEach((representations, field) ->
                assertThat(refusal(entities(representations)).field()).as(representations.toString()).isEqualTo(field));
    }

    @Test
    void a_well_formed_representation_reaches_the_resolver() {
        ExecutionResult result = entities(List.of(Map.of("__typename", "Order", "id", "o-1", "version", 3)));

        assertThat(result.getErrors()).isEmpty();
    }

    /** As a variable: what _Any's coercion hands the resolver, maps, lists, strings and numbers. */
    private ExecutionResult entities(Object representations) {
        return engine.execute(ExecutionInput.newExecutionInput("query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }")
                .variables(Map.of("r", representations)));
    }

    private String refusedField(String query) {
        return refusal(engine.execute(query)).field();
    }

    private static InvalidInput refusal(ExecutionResult result) {
        assertThat(result.getErrors()).hasSize(1);
        GraphQLError error = result.getErrors().get(0);
        assertThat(error).isInstanceOf(ExceptionWhileDataFetching.class);
        assertThat(((ExceptionWhileDataFetching) error).getException()).isInstanceOf(InvalidInput.class);
        return (InvalidInput) ((ExceptionWhileDataFetching) error).getException();
    }
}
