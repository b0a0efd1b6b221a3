package org.cqrsshop.graphql.input;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;

/**
 * GraphQL's {@code Int} as the specification has it: a signed 32-bit integer, and a value outside
 * that range is a request error. SmallRye's own {@code Int} narrows a wider value with
 * {@code intValue()} (its range check compares against the minimum twice) and lets any number
 * given as a variable through unchecked, so 4294967301 arrived as 5. This one takes what
 * SmallRye's takes within range (numbers, whole-valued floats, numeric strings, as
 * docs/errors.md promises) and refuses everything else; output stays SmallRye's.
 */
public final class StrictInt {

    static final String RANGE = "must be a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;

    private StrictInt() {}

    /** @param smallRyeInt the schema's {@code Int}, whose description and output coercion are kept */
    public static GraphQLScalarType replacing(GraphQLScalarType smallRyeInt) {
        Coercing<?, ?> output = smallRyeInt.getCoercing();
        return smallRyeInt.transform(scalar -> scalar.coercing(new Coercing<Integer, Object>() {
            @Override
            public Object serialize(Object result, GraphQLContext context, Locale locale) throws CoercingSerializeException {
                return output.serialize(result, context, locale);
            }

            @Override
            public Integer parseValue(Object input, GraphQLContext context, Locale locale) throws CoercingParseValueException {
                Integer value = input instanceof String text ? fromText(text) : fromNumber(input);
                if (value == null) {
                    throw new CoercingParseValueException(RANGE);
                }
                return value;
            }

            @Override
            public Integer parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale)
                    throws CoercingParseLiteralException {
                Integer value = null;
                if (input instanceof IntValue integer) {
                    value = fromNumber(integer.getValue());
                } else if (input instanceof FloatValue decimal) {
                    value = fromNumber(decimal.getValue());
                } else if (input instanceof StringValue text) {
                    value = fromText(text.getValue());
                }
                if (value == null) {
                    throw new CoercingParseLiteralException(RANGE);
                }
                return value;
            }

            @Override
            public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
                return output.valueToLiteral(input, context, locale);
            }
        }));
    }

    /** The value as an int, or {@code null} when it is not a whole number within 32 bits. */
    static Integer fromNumber(Object input) {
        BigDecimal decimal = null;
        if (input instanceof Integer || input instanceof Long || input instanceof Short || input instanceof Byte) {
            decimal = BigDecimal.valueOf(((Number) input).longValue());
        } else if (input instanceof BigInteger big) {
            decimal = new BigDecimal(big);
        } else if (input instanceof BigDecimal exact) {
            decimal = exact;
        } else if ((input instanceof Double || input instanceof Float) && Double.isFinite(((Number) input).doubleValue())) {
            decimal = new BigDecimal(((Number) input).doubleValue());
        }
        if (decimal == null) {
            return null;
        }
        try {
            return decimal.intValueExact();
        } catch (ArithmeticException notAnInt) {
            return null;
        }
    }

    private static Integer fromText(String text) {
        // Long enough for any int, with room for a sign and zeros; a longer string is no Int, and BigDecimal would parse 1e999999999 slowly.
        if (text.length() > 40) {
            return null;
        }
        try {
            return fromNumber(new BigDecimal(text));
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }
}
