package org.cqrsshop.graphql.input;

import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import java.util.List;
import java.util.Map;
import org.cqrsshop.graphql.errors.InvalidInput;

/**
 * Checks a field's arguments before its resolver runs, for every field that takes any: each
 * text value against {@link TextRule}, and federation's {@code _entities} representations
 * against the entities' keys. A refused field's resolver never runs, so nothing reaches the
 * domain or a store; the refusal is an {@link InvalidInput} naming the offending value's path.
 */
final class ArgumentGuard extends SimplePerformantInstrumentation {

    private volatile EntityRepresentations entities;

    @Override
    public DataFetcher<?> instrumentDataFetcher(
            DataFetcher<?> dataFetcher, InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
        DataFetchingEnvironment environment = parameters.getEnvironment();
        if (environment.getFieldDefinition().getArguments().isEmpty()) {
            return dataFetcher;
        }
        try {
            for (Map.Entry<String, Object> argument : environment.getArguments().entrySet()) {
                checkText(argument.getKey(), argument.getKey(), argument.getValue());
            }
            if (environment.getFieldDefinition().getName().equals("_entities")
                    && environment.getParentType() == environment.getGraphQLSchema().getQueryType()) {
                entities(environment).check(environment.getArgument("representations"));
            }
        } catch (InvalidInput refused) {
            return refusing -> {
                throw refused;
            };
        }
        return dataFetcher;
    }

    private EntityRepresentations entities(DataFetchingEnvironment environment) {
        if (entities == null) {
            entities = EntityRepresentations.of(environment.getGraphQLSchema());
        }
        return entities;
    }

    /** @param name the innermost field or argument name, which decides whether the text is free text */
    private static void checkText(String path, String name, Object value) {
        if (value instanceof String text) {
            String problem = TextRule.problemWith(text, TextRule.FREE_TEXT_FIELDS.contains(name));
            if (problem != null) {
                throw new InvalidInput(path, problem);
            }
        } else if (value instanceof Map<?, ?> object) {
            for (Map.Entry<?, ?> field : object.entrySet()) {
                String fieldName = String.valueOf(field.getKey());
                checkText(path + "." + fieldName, fieldName, field.getValue());
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                checkText(path + "[" + i + "]", name, list.get(i));
            }
        }
    }
}
