package org.cqrsshop.query.graphql;

import io.smallrye.graphql.api.federation.Shareable;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("Money")
@Shareable // the command-app's Money is the same value type
@Description("An amount in integer minor units (cents for EUR) of an ISO 4217 currency.")
public record MoneyAmount(long amountMinor, @NonNull String currency) {}
