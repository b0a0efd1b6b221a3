package org.cqrsshop.graphql.errors;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.ExceptionWhileDataFetching;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.execution.NonNullableFieldWasNullError;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.graphql.spi.EventingService;
import io.smallrye.graphql.validation.BeanValidationError;
import jakarta.enterprise.inject.spi.CDI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cqrsshop.common.error.ErrorCode;
import org.jboss.logging.Logger;

/**
 * Rewrites every error of every GraphQL response into our documented form: a code from
 * {@link ErrorCode}, a message safe to show, and documented details. Query validation errors,
 * Bean Validation failures and the apps' own exceptions are recognised; anything else becomes
 * {@code INTERNAL} with an {@code errorId} that points to the logged stack trace.
 *
 * <p>SmallRye offers no error hook, so the translation is a graphql-java instrumentation, added
 * after SmallRye's own when SmallRye builds its engine. It is registered as a SmallRye
 * {@link EventingService} through {@code META-INF/services}: SmallRye's CDI events would do too,
 * but Quarkus enables them only after SmallRye has read the switch.
 */
public class ErrorTranslation implements EventingService {

    private static final Logger LOG = Logger.getLogger(ErrorTranslation.class);
    private static final Pattern UNCONVERTIBLE_ARGUMENT = Pattern.compile(
            "(.*?)argument '([^']*)' with value .* is not a valid '([^']*)'(?: - (.*))?", Pattern.DOTALL);
    private static final Pattern GRAPHQL_NAME = Pattern.compile("[_A-Za-z][_0-9A-Za-z]*");

    private final Supplier<List<FailureClassifier>> classifierLookup;
    private volatile List<FailureClassifier> classifiers;

    /** Used by SmallRye's service loader; the app's classifiers are CDI beans. */
    public ErrorTranslation() {
        this(() -> CDI.current().select(FailureClassifier.class).stream().toList());
    }

    ErrorTranslation(Supplier<List<FailureClassifier>> classifierLookup) {
        this.classifierLookup = classifierLookup;
    }

    @Override
    public String getConfigKey() {
        return null; // always on
    }

    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder engine) {
        // The builder does not expose what SmallRye configured; a throwaway build does.
        var smallRyeInstrumentation = engine.build().getInstrumentation();
        return engine.instrumentation(new ChainedInstrumentation(smallRyeInstrumentation, new Instrumentation()));
    }

    private List<FailureClassifier> classifiers() {
        if (classifiers == null) {
            classifiers = classifierLookup.get();
        }
        return classifiers;
    }

    private final class Instrumentation extends SimplePerformantInstrumentation {
        @Override
        public CompletableFuture<ExecutionResult> instrumentExecutionResult(
                ExecutionResult result, InstrumentationExecutionParameters parameters, InstrumentationState state) {
            if (result.getErrors().isEmpty()) {
                return CompletableFuture.completedFuture(result);
            }
            List<GraphQLError> translated = new ArrayList<>(result.getErrors().size());
            boolean refusedArguments = result.getErrors().stream().anyMatch(error -> !(error instanceof NonNullableFieldWasNullError));
            for (GraphQLError error : result.getErrors()) {
                // A field whose arguments were refused has no value; that it is then null is no second error.
                if (error instanceof NonNullableFieldWasNullError && refusedArguments) {
                    continue;
                }
                translated.add(translate(error));
            }
            return CompletableFuture.completedFuture(result.transform(builder -> builder.errors(translated)));
        }
    }

    GraphQLError translate(GraphQLError error) {
        ApiError api = classify(error);
        ErrorClassification type = error.getErrorType() == null ? ErrorType.DataFetchingException : error.getErrorType();
        return new TranslatedError(api.message(), error.getLocations(), error.getPath(), api.extensions(), type);
    }

    private ApiError classify(GraphQLError error) {
        if (error instanceof BeanValidationError invalid) {
            return beanValidationFailure(invalid);
        }
        if (error instanceof ExceptionWhileDataFetching fetching) {
            return classify(unwrap(fetching.getException()));
        }
        if (error.getErrorType() == ErrorType.ValidationError || error.getErrorType() == ErrorType.InvalidSyntax
                // The depth and complexity limits abort a request before it runs.
                || error.getErrorType() == ErrorType.ExecutionAborted) {
            // graphql-java's messages describe the request; SmallRye's argument messages may name Java types.
            return ApiError.of(ErrorCode.VALIDATION_FAILED, withoutInternals(error.getMessage()));
        }
        return internal(new IllegalStateException("unclassified GraphQL error: " + error.getMessage()));
    }

    private ApiError classify(Throwable failure) {
        if (failure instanceof InvalidInput invalid) {
            return new ApiError(ErrorCode.VALIDATION_FAILED, "invalid " + invalid.field() + ": " + invalid.getMessage(),
                    Map.of("violations", List.of(violation(invalid.field(), invalid.getMessage()))));
        }
        if (failure instanceof graphql.GraphQLError graphQLError
                && graphQLError.getErrorType() == ErrorType.ValidationError) {
            return ApiError.of(ErrorCode.VALIDATION_FAILED, failure.getMessage());
        }
        if (failure instanceof UnauthorizedException || failure instanceof AuthenticationFailedException) {
            return ApiError.of(ErrorCode.UNAUTHENTICATED, "authentication required: send a valid bearer token");
        }
        if (failure instanceof ForbiddenException) {
            // Our own refusals say why; the framework's role check says only "Forbidden".
            String reason = failure.getMessage() == null || failure.getMessage().equals("Forbidden")
                    ? "the caller's role does not allow this operation" : failure.getMessage();
            return ApiError.of(ErrorCode.FORBIDDEN, reason);
        }
        for (FailureClassifier classifier : classifiers()) {
            Optional<ApiError> classified = classifier.classify(failure);
            if (classified.isPresent()) {
                return classified.get();
            }
        }
        return internal(failure);
    }

    private static ApiError internal(Throwable failure) {
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(failure, "Internal error %s", errorId);
        return new ApiError(ErrorCode.INTERNAL, "internal error", Map.of("errorId", errorId));
    }

    @SuppressWarnings("unchecked")
    private static ApiError beanValidationFailure(BeanValidationError error) {
        List<Map<String, Object>> violations = new ArrayList<>();
        var raw = (List<Map<String, Object>>) error.getExtensions().getOrDefault("violations", List.of());
        for (Map<String, Object> violation : raw) {
            List<String> path = (List<String>) violation.getOrDefault("propertyPath", List.of());
            // The first element names the Java method; clients know the field path from the argument on.
            String field = String.join(".", path.size() > 1 ? path.subList(1, path.size()) : path);
            Map<String, Object> entry = violation(field, String.valueOf(violation.get("message")));
            if (!violations.contains(entry)) {
                violations.add(entry);
            }
        }
        String summary = violations.stream()
                .map(violation -> violation.get("field") + " " + violation.get("message"))
                .reduce((left, right) -> left + ", " + right)
                .orElse("invalid input");
        return new ApiError(ErrorCode.VALIDATION_FAILED, "invalid input: " + summary, Map.of("violations", violations));
    }

    private static Map<String, Object> violation(String field, String message) {
        Map<String, Object> violation = new LinkedHashMap<>();
        violation.put("field", field);
        violation.put("message", message);
        return violation;
    }

    /**
     * graphql-java reports an argument it cannot convert as "argument 'x' with value '&lt;the
     * value&gt;' is not a valid '&lt;type&gt;' - &lt;reason&gt;", where the type may be a Java class
     * name (SmallRye's), the value a megabyte and the reason the library's: the client gets the
     * argument, the type when it is a GraphQL type, and the reason when it is one of ours (the
     * input edge's start with "must").
     */
    static String withoutInternals(String message) {
        Matcher argument = UNCONVERTIBLE_ARGUMENT.matcher(message == null ? "" : message);
        if (!argument.matches()) {
            return message;
        }
        String type = argument.group(3);
        String reason = argument.group(4);
        return argument.group(1) + "argument '" + argument.group(2) + "' is not a valid "
                + (GRAPHQL_NAME.matcher(type).matches() ? "'" + type + "'" : "value of its type")
                + (reason != null && reason.startsWith("must ") ? ": " + reason : "");
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        // A bare RuntimeException is a wrapper and nothing more: SmallRye's federation fetcher wraps a resolver's failure so.
        while ((current instanceof CompletionException || current instanceof ExecutionException
                || current.getClass() == RuntimeException.class) && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
