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
 * SmallRye's {@code BigInteger}, with its input made whole: SmallRye lets any number or string
 * given as a variable through unchecked, to be converted later by rules of its own (a fraction,
 * a word). This one hands the resolver a {@link BigInteger} or refuses the value as a request
 * error; each field's own range is the field's business (Bean Validation). Output stays SmallRye's.
 */
public final class StrictBigInteger {

    static final String WHOLE = "must be a whole number";
    /** Digits enough for any amount we take; longer text is no amount, and BigDecimal would parse 1e999999999 slowly. */
    private static final int MAX_TEXT = 100;

    private StrictBigInteger() {}

    public static GraphQLScalarType replacing(GraphQLScalarType smallRyeBigInteger) {
        Coercing<?, ?> output = smallRyeBigInteger.getCoercing();
        return smallRyeBigInteger.transform(scalar -> scalar.coercing(new Coercing<BigInteger, Object>() {
            @Override
            public Object serialize(Object result, GraphQLContext context, Locale locale) throws CoercingSerializeException {
                return output.serialize(result, context, locale);
            }

            @Override
            public BigInteger parseValue(Object input, GraphQLContext context, Locale locale) throws CoercingParseValueException {
                BigInteger value = input instanceof String text ? fromText(text) : fromNumber(input);
                if (value == null) {
                    throw new CoercingParseValueException(WHOLE);
                }
                return value;
            }

            @Override
            public BigInteger parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale)
                    throws CoercingParseLiteralException {
                BigInteger value = null;
                if (input instanceof IntValue integer) {
                    value = integer.getValue();
                } else if (input instanceof FloatValue decimal) {
                    value = fromNumber(decimal.getValue());
                } else if (input instanceof StringValue text) {
                    value = fromText(text.getValue());
                }
                if (value == null) {
                    throw new CoercingParseLiteralException(WHOLE);
                }
                return value;
            }

            @Override
            public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
                return output.valueToLiteral(input, context, locale);
            }
        }));
    }

    static BigInteger fromNumber(Object input) {
        BigDecimal decimal = null;
        if (input instanceof Integer || input instanceof Long || input instanceof Short || input instanceof Byte) {
            decimal = BigDecimal.valueOf(((Number) input).longValue());
        } else if (input instanceof BigInteger big) {
            return big;
        } else if (input instanceof BigDecimal exact) {
            decimal = exact;
        } else if ((input instanceof Double || input instanceof Float) && Double.isFinite(((Number) input).doubleValue())) {
            decimal = new BigDecimal(((Number) input).doubleValue());
        }
        if (decimal == null || decimal.precision() - decimal.scale() > MAX_TEXT) {
            return null;
        }
        try {
            return decimal.toBigIntegerExact();
        } catch (ArithmeticException notWhole) {
            return null;
        }
    }

    private static BigInteger fromText(String text) {
        if (text.length() > MAX_TEXT) {
            return null;
        }
        try {
            return fromNumber(new BigDecimal(text));
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }
}
