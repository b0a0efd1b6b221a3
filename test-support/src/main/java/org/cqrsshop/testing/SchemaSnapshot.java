package org.cqrsshop.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An app's GraphQL API is a reviewed contract: its generated schema must equal the SDL committed
 * beside it. After an intended change, run the tests with {@code -Dschema.update=true} and commit
 * the rewritten file together with the change.
 */
public final class SchemaSnapshot {

    /** The request body that asks a subgraph for its SDL, as a federation gateway does. */
    public static final String SUBGRAPH_SDL_QUERY = "{\"query\": \"{ _service { sdl } }\"}";

    private SchemaSnapshot() {}

    public static void assertMatchesCommitted(String generatedSdl, Path committed) throws IOException {
        if (Boolean.getBoolean("schema.update")) {
            Files.writeString(committed, generatedSdl);
        }
        assertThat(committed).as("committed schema " + committed.toAbsolutePath()).exists();
        assertThat(generatedSdl)
                .as("the generated schema differs from " + committed + "; if intended, run with -Dschema.update=true")
                .isEqualTo(Files.readString(committed));
    }
}
