package org.cqrsshop.command.graphql;

import io.smallrye.graphql.api.federation.Shareable;
import org.cqrsshop.common.money.Money;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("Money")
@Shareable // the query-app's Money is the same value type
@Description("An amount in integer minor units (cents for EUR) of an ISO 4217 currency.")
public record MoneyAmount(long amountMinor, @NonNull String currency) {

    public static MoneyAmount of(Money money) {
        return new MoneyAmount(money.amountMinor(), money.currency().value());
    }
}
