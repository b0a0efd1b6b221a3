package org.cqrsshop.testing;

import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Bearer tokens for tests, signed with the development key pair (dev/jwt), which this module
 * carries on its classpath. The apps under test verify them with its public key.
 */
public final class TestTokens {

    public static final String ISSUER = "cqrs-shop-dev";
    private static final String PRIVATE_KEY = "cqrs-shop-dev-jwt/private.pem";
    private static final String PUBLIC_KEY = "cqrs-shop-dev-jwt/public.pem";
    private static volatile Path publicKeyFile;

    private TestTokens() {}

    public static String admin() {
        return sign("test-admin", "admin", ISSUER);
    }

    public static String customer(UUID customerId) {
        return sign(customerId.toString(), "customer", ISSUER);
    }

    /** A token the apps must refuse: right form and key, wrong issuer. */
    public static String fromAnotherIssuer(UUID customerId) {
        return sign(customerId.toString(), "customer", "https://someone-else.example");
    }

    /** A customer token in every way right, but signed with a key of its own, as a forger would. */
    public static String forged(UUID customerId) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return Jwt.issuer(ISSUER).subject(customerId.toString()).upn(customerId.toString())
                    .groups(Set.of("customer")).expiresIn(3600).sign(generator.generateKeyPair().getPrivate());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A customer token whose lifetime is over. */
    public static String expired(UUID customerId) {
        long past = System.currentTimeMillis() / 1000 - 3600;
        return Jwt.issuer(ISSUER).subject(customerId.toString()).upn(customerId.toString()).groups(Set.of("customer"))
                .issuedAt(past - 60).expiresAt(past).sign(PRIVATE_KEY);
    }

    private static String sign(String subject, String role, String issuer) {
        return Jwt.issuer(issuer).subject(subject).upn(subject).groups(Set.of(role)).expiresIn(3600).sign(PRIVATE_KEY);
    }

    /** The development public key as a file, for apps started as processes. */
    public static Path publicKeyFile() {
        if (publicKeyFile == null) {
            synchronized (TestTokens.class) {
                if (publicKeyFile == null) {
                    try (InputStream key = TestTokens.class.getClassLoader().getResourceAsStream(PUBLIC_KEY)) {
                        Path file = Files.createTempFile("cqrs-shop-dev-jwt", ".pem");
                        file.toFile().deleteOnExit();
                        Files.copy(key, file, StandardCopyOption.REPLACE_EXISTING);
                        publicKeyFile = file;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
        return publicKeyFile;
    }

    /** The apps' settings to verify these tokens, for apps started as processes. */
    public static Map<String, String> appConfig() {
        return Map.of("JWT_PUBLIC_KEY_LOCATION", "file:" + publicKeyFile(), "JWT_ISSUER", ISSUER);
    }
}
