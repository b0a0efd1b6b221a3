package org.cqrsshop.command.feed;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import org.cqrsshop.common.event.json.FeedJson;

/** Teaches the mapper that writes the feed's answers to write each event as the broker carries it. */
@Singleton
public class FeedJsonCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(FeedJson.module());
    }
}
