package org.cqrsshop.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Each system test class runs against a shop of its own, started once for the class. */
abstract class SystemTest {

    static ShopSystem shop;

    @BeforeAll
    static void startTheShop() throws Exception {
        shop = ShopSystem.start();
    }

    @AfterAll
    static void stopTheShop() throws Exception {
        if (shop != null) {
            shop.close();
        }
    }

    /** Sends a mutation to the command-app and returns its data; any error fails the test. */
    static JsonNode command(String document) {
        JsonNode response = GraphQL.post(shop.commandApp.graphql(), document);
        assertThat(response.path("errors").isMissingNode()).as("errors in %s", response).isTrue();
        return response.path("data");
    }
}
