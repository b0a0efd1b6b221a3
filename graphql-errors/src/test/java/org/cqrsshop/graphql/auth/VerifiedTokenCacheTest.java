package org.cqrsshop.graphql.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.jwt.auth.principal.ParseException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

class VerifiedTokenCacheTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    @Test
    void a_token_is_trusted_until_it_expires_and_never_longer_than_five_minutes() {
        assertThat(VerifiedTokenCache.trustFor(expiringAt(NOW.plusSeconds(90)), NOW)).isEqualTo(Duration.ofSeconds(90));
        assertThat(VerifiedTokenCache.trustFor(expiringAt(NOW.plus(Duration.ofHours(8))), NOW))
                .isEqualTo(VerifiedTokenCache.LONGEST_TRUST);
        assertThat(VerifiedTokenCache.trustFor(expiringAt(NOW.minusSeconds(1)), NOW)).isZero();
    }

    @Test
    void a_token_is_verified_once_and_a_refused_one_every_time() throws Exception {
        AtomicInteger checks = new AtomicInteger();
        JsonWebToken valid = expiringAt(Instant.now().plusSeconds(600));
        VerifiedTokenCache tokens = new VerifiedTokenCache();
        VerifiedTokenCache.Check check = token -> {
            checks.incrementAndGet();
            if (token.equals("forged")) {
                throw new ParseException("bad signature");
            }
            return valid;
        };

        assertThat(tokens.verifiedOnce("good", check)).isSameAs(valid);
        assertThat(tokens.verifiedOnce("good", check)).isSameAs(valid);
        assertThat(checks).hasValue(1);
        assertThatThrownBy(() -> tokens.verifiedOnce("forged", check)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> tokens.verifiedOnce("forged", check)).isInstanceOf(ParseException.class);
        assertThat(checks).hasValue(3);
    }

    private static JsonWebToken expiringAt(Instant expiry) {
        return (JsonWebToken) Proxy.newProxyInstance(JsonWebToken.class.getClassLoader(),
                new Class<?>[] {JsonWebToken.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getExpirationTime" -> expiry.getEpochSecond();
                    case "getName" -> "someone";
                    default -> null;
                });
    }
}
