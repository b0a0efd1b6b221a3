package org.cqrsshop.graphql.auth;

/** The roles a bearer token carries in its {@code groups} claim (docs/security.md). */
public final class Roles {

    /** Acts on their own cart and orders; the token's subject is their customer id. */
    public static final String CUSTOMER = "customer";
    /** Manages products and every order, and acts for any customer who is named. */
    public static final String ADMIN = "admin";

    private Roles() {}
}
