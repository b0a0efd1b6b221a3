package org.cqrsshop.graphql.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.smallrye.jwt.auth.principal.ParseException;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The bearer tokens whose full check passed, each kept until it expires and never longer than
 * {@link #LONGEST_TRUST}. Only a passed check is kept: a token that failed fails again each time.
 */
final class VerifiedTokenCache {

    /** Bounds how long a token stays trusted without a new check, whatever its own expiry. */
    static final Duration LONGEST_TRUST = Duration.ofMinutes(5);
    private static final int MOST_TOKENS = 10_000;

    /** smallrye-jwt's full check of one token: signature, issuer, expiry. */
    @FunctionalInterface
    interface Check {
        JsonWebToken verify(String token) throws ParseException;
    }

    private final Cache<String, JsonWebToken> verified = Caffeine.newBuilder()
            .maximumSize(MOST_TOKENS)
            .expireAfter(Expiry.creating((String token, JsonWebToken jwt) -> trustFor(jwt, Instant.now())))
            .build();

    JsonWebToken verifiedOnce(String token, Check check) throws ParseException {
        JsonWebToken known = verified.getIfPresent(token);
        if (known != null) {
            return known;
        }
        JsonWebToken checked = check.verify(token);
        verified.put(token, checked);
        return checked;
    }

    /** Until the token expires, and no longer than {@link #LONGEST_TRUST}. */
    static Duration trustFor(JsonWebToken jwt, Instant now) {
        Duration untilExpiry = Duration.between(now, Instant.ofEpochSecond(jwt.getExpirationTime()));
        if (untilExpiry.isNegative()) {
            return Duration.ZERO;
        }
        return untilExpiry.compareTo(LONGEST_TRUST) < 0 ? untilExpiry : LONGEST_TRUST;
    }
}
