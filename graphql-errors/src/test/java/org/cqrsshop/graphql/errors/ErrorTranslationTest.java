package org.cqrsshop.graphql.errors;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExceptionWhileDataFetching;
import graphql.GraphQLError;
import graphql.execution.ResultPath;
import graphql.language.SourceLocation;
import graphql.validation.ValidationError;
import graphql.validation.ValidationErrorType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.cqrsshop.common.error.ErrorCode;
import org.junit.jupiter.api.Test;

class ErrorTranslationTest {

    static class OutOfStock extends RuntimeException {}

    private final ErrorTranslation translation = new ErrorTranslation(() -> List.of(failure ->
            failure instanceof OutOfStock
                    ? Optional.of(new ApiError(ErrorCode.NOT_FOUND, "gone", Map.of("productId", "p-1")))
                    : Optional.empty()));

    @Test
    void an_unexpected_failure_is_internal_and_tells_the_client_nothing_about_it() {
        Map<String, Object> json = translate(fetching(new IllegalStateException("pool exhausted at db-7:5432")));

        assertThat(json.get("message")).isEqualTo("internal error");
        @SuppressWarnings("unchecked")
        Map<String, Object> extensions = (Map<String, Object>) json.get("extensions");
        assertThat(extensions.get("code")).isEqualTo("INTERNAL");
        assertThat(extensions.keySet()).containsExactlyInAnyOrder("code", "errorId");
        assertThat(json.toString()).doesNotContain("db-7", "IllegalStateException", "pool");
    }

    @Test
    void an_app_failure_takes_its_code_and_details_from_the_app_classifier_even_when_wrapped() {
        Map<String, Object> json = translate(fetching(new CompletionException(new OutOfStock())));

        assertThat(json.get("message")).isEqualTo("gone");
        assertThat(json.get("extensions")).isEqualTo(Map.of("code", "NOT_FOUND", "productId", "p-1"));
    }

    @Test
    void invalid_input_a_resolver_threw_through_federation_keeps_its_code() {
        Map<String, Object> json = translate(fetching(new RuntimeException("can't fetch data from productAtVersion",
                new InvalidInput("id", "must be a UUID"))));

        assertThat(((Map<?, ?>) json.get("extensions")).get("code")).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void invalid_input_names_the_field() {
        Map<String, Object> json = translate(fetching(new InvalidInput("input.price.currency", "must be ISO 4217")));

        assertThat(json.get("extensions")).isEqualTo(Map.of(
                "code", "VALIDATION_FAILED",
                "violations", List.of(Map.of("field", "input.price.currency", "message", "must be ISO 4217"))));
    }

    @Test
    void a_query_validation_error_is_validation_failed_and_keeps_its_location() {
        GraphQLError invalid = ValidationError.newValidationError()
                .validationErrorType(ValidationErrorType.FieldUndefined)
                .description("Field 'nope' in type 'Query' is undefined")
                .sourceLocation(new SourceLocation(1, 3))
                .build();

        Map<String, Object> json = translate(invalid);

        assertThat(json.get("extensions")).isEqualTo(Map.of("code", "VALIDATION_FAILED"));
        assertThat(json.get("locations")).isEqualTo(List.of(Map.of("line", 1, "column", 3)));
        assertThat((String) json.get("message")).contains("nope");
    }

    private Map<String, Object> translate(GraphQLError error) {
        return translation.translate(error).toSpecification();
    }

    @Test
    void an_argument_that_cannot_be_converted_is_named_without_its_value_or_java_types() {
        assertThat(ErrorTranslation.withoutInternals("argument 'input' with value 'StringValue{value='{\n  \"quantity\":"
                + " \"many\"\n}'}' is not a valid 'Unknown Scalar Type [org.cqrsshop.command.cart.graphql.AddToCartInput]'"))
                .isEqualTo("argument 'input' is not a valid value of its type");
        assertThat(ErrorTranslation.withoutInternals("argument 'from' with value 'StringValue{value='yesterday'}' is not a"
                + " valid 'DateTime'")).isEqualTo("argument 'from' is not a valid 'DateTime'");
        assertThat(ErrorTranslation.withoutInternals("Validation error (WrongType@[createProduct]) : argument"
                + " 'input.stockQuantity' with value 'IntValue{value=4294967301}' is not a valid 'Int' - must be a whole"
                + " number from -2147483648 to 2147483647")).isEqualTo("Validation error (WrongType@[createProduct]) :"
                + " argument 'input.stockQuantity' is not a valid 'Int': must be a whole number from -2147483648 to 2147483647");
        assertThat(ErrorTranslation.withoutInternals("argument 'n' with value 'StringValue{value='x'}' is not a valid 'Int'"
                + " - Expected a 'java.lang.Integer'")).isEqualTo("argument 'n' is not a valid 'Int'");
        assertThat(ErrorTranslation.withoutInternals("Field 'x' in type 'Query' is undefined"))
                .isEqualTo("Field 'x' in type 'Query' is undefined");
    }

    private static GraphQLError fetching(Throwable failure) {
        return new ExceptionWhileDataFetching(ResultPath.parse("/createProduct"), failure, new SourceLocation(1, 12));
    }
}
