package org.cqrsshop.command.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The relay runs only when a test calls it, so a test can decide what is committed in between. */
public class ManualRelayProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("cqrs-shop.relay.enabled", "false");
    }
}
