package org.cqrsshop.command.graphql;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.cqrsshop.testing.TestTokens;

/** Posts GraphQL documents to the app under test, as a client would. */
final class GraphQLClient {

    private GraphQLClient() {}

    static JsonPath post(String document) {
        return post(document, Map.of());
    }

    static JsonPath post(String document, Map<String, String> headers) {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).headers(headers)
                .body(Map.of("query", document))
                .when().post("/graphql")
                .then().statusCode(200)
                .extract().jsonPath();
    }
}
