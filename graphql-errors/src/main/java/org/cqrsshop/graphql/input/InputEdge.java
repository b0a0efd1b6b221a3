package org.cqrsshop.graphql.input;

import static graphql.util.TreeTransformerUtil.changeNode;

import graphql.GraphQL;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.schema.SchemaTransformer;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import io.smallrye.graphql.spi.EventingService;

/**
 * Where both apps refuse malformed input before any resolver runs: an {@code Int} out of 32 bits
 * ({@link StrictInt}) or a {@code BigInteger} that is not whole ({@link StrictBigInteger}), both
 * swapped into the schema SmallRye built, text with characters no store
 * should hold and {@code _entities} representations that do not fit an entity's key
 * ({@link ArgumentGuard}). Registered as a SmallRye {@link EventingService} through
 * {@code META-INF/services}, like {@code ErrorTranslation}, which turns the refusals into
 * {@code VALIDATION_FAILED}.
 */
public class InputEdge implements EventingService {

    @Override
    public String getConfigKey() {
        return null; // always on
    }

    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder engine) {
        // The builder does not expose what SmallRye configured; a throwaway build does.
        GraphQL built = engine.build();
        return engine.schema(withStrictNumbers(built.getGraphQLSchema()))
                .instrumentation(new ChainedInstrumentation(built.getInstrumentation(), new ArgumentGuard()));
    }

    static GraphQLSchema withStrictNumbers(GraphQLSchema schema) {
        GraphQLScalarType strictInt = schema.getType("Int") instanceof GraphQLScalarType smallRyeInt
                ? StrictInt.replacing(smallRyeInt) : null;
        GraphQLScalarType strictBigInteger = schema.getType("BigInteger") instanceof GraphQLScalarType smallRyeBigInteger
                ? StrictBigInteger.replacing(smallRyeBigInteger) : null;
        return SchemaTransformer.transformSchema(schema, new GraphQLTypeVisitorStub() {
            @Override
            public TraversalControl visitGraphQLScalarType(GraphQLScalarType scalar, TraverserContext<GraphQLSchemaElement> context) {
                if (scalar.getName().equals("Int") && strictInt != null) {
                    return changeNode(context, strictInt);
                }
                if (scalar.getName().equals("BigInteger") && strictBigInteger != null) {
                    return changeNode(context, strictBigInteger);
                }
                return TraversalControl.CONTINUE;
            }
        });
    }
}
