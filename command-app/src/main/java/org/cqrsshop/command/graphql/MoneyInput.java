package org.cqrsshop.command.graphql;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigInteger;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

@Input("MoneyInput")
@Description("An amount in integer minor units (cents for EUR, yen for JPY) of an ISO 4217 currency.")
public record MoneyInput(
        @NotNull @PositiveOrZero @Max(MoneyInput.MAX_AMOUNT_MINOR)
        @Description("Amount in minor units, e.g. 1299 for 12.99 EUR") BigInteger amountMinor,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be three upper-case letters")
        @Description("ISO 4217 code, e.g. EUR") String currency) {

    /**
     * Fifteen digits: any real price, with room to add many up in a long. Taken as a BigInteger
     * because a GraphQL integer this wide cannot be checked any other way: the framework narrows
     * an overflowing value to a long silently.
     */
    public static final long MAX_AMOUNT_MINOR = 999_999_999_999_999L;
}
