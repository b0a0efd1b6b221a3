package org.cqrsshop.graphql.auth;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.cqrsshop.graphql.errors.InvalidInput;

/**
 * Who sent the request, as its verified bearer token says, and which customer's data it may touch.
 * Role checks are declared on the GraphQL methods; this answers what a role alone cannot: whose
 * cart or order it is.
 */
@RequestScoped
public class Caller {

    private final SecurityIdentity identity;

    public Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public boolean isAdmin() {
        return identity.hasRole(Roles.ADMIN);
    }

    /**
     * The customer a request acts for. A customer acts for themself: the id may be left out, and
     * any other id is refused. An admin acts for the customer the request names.
     *
     * @param requested the customer id the request gives, or {@code null}
     * @param field where the request gives it, for the error when an admin leaves it out
     */
    public UUID actingFor(UUID requested, String field) {
        if (isAdmin()) {
            if (requested == null) {
                throw new InvalidInput(field, "is required: an admin acts for the customer it names");
            }
            return requested;
        }
        UUID own = ownCustomerId();
        if (requested != null && !requested.equals(own)) {
            throw new ForbiddenException("a customer acts only on their own cart and orders");
        }
        return own;
    }

    /**
     * A check that refuses a customer anything belonging to another customer (admins see
     * everything), decided now for a pipeline that learns the owner later: the identity is read
     * while the request is current, and the check needs nothing from it.
     */
    public Consumer<UUID> ownerCheck() {
        if (isAdmin()) {
            return owner -> {};
        }
        UUID own = ownCustomerId();
        return owner -> {
            if (!own.equals(owner)) {
                throw new ForbiddenException("this belongs to another customer");
            }
        };
    }

    /** The customer id of a customer caller; anyone else is refused. */
    public UUID ownCustomerId() {
        if (identity.isAnonymous()) {
            throw new UnauthorizedException("authentication required: send a bearer token");
        }
        if (!identity.hasRole(Roles.CUSTOMER)) {
            throw new ForbiddenException("only customers have a cart and orders of their own");
        }
        try {
            return UUID.fromString(subject());
        } catch (IllegalArgumentException notAUuid) {
            throw new ForbiddenException("the token's subject is not a customer id");
        }
    }

    /** How events record who caused them: {@code customer:<id>}, {@code admin:<name>}, or empty. */
    public Optional<String> actor() {
        if (identity.isAnonymous()) {
            return Optional.empty();
        }
        String role = isAdmin() ? Roles.ADMIN : identity.hasRole(Roles.CUSTOMER) ? Roles.CUSTOMER : "user";
        return Optional.of(role + ":" + subject());
    }

    /** The token's {@code sub}: identity providers put a display name, not an id, in the principal's name. */
    private String subject() {
        if (identity.getPrincipal() instanceof JsonWebToken token && token.getSubject() != null) {
            return token.getSubject();
        }
        return identity.getPrincipal().getName();
    }
}
