package org.cqrsshop.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Keeps the traces that start with a request or continue one, and drops those that would start with a
 * background call: the relay polls PostgreSQL four times a second and the read side asks the feed
 * and RabbitMQ for its freshness figures, each of which would otherwise be a trace of its own.
 * Health and metrics requests ({@code /q/...}) are dropped too, as Quarkus does by default.
 */
@Singleton
public class RequestTraceSampler implements Sampler {

    private static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");
    private static final AttributeKey<String> HTTP_TARGET = AttributeKey.stringKey("http.target");
    private static final Sampler CONTINUE_OR_START = Sampler.parentBased(Sampler.alwaysOn());

    @Override
    public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
            Attributes attributes, List<LinkData> parentLinks) {
        if (!Span.fromContext(parentContext).getSpanContext().isValid()
                && (spanKind == SpanKind.CLIENT || isNonApplicationRequest(attributes))) {
            return SamplingResult.drop();
        }
        return CONTINUE_OR_START.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
    }

    private static boolean isNonApplicationRequest(Attributes attributes) {
        String path = attributes.get(URL_PATH);
        if (path == null) {
            path = attributes.get(HTTP_TARGET);
        }
        return path != null && path.startsWith("/q/");
    }

    @Override
    public String getDescription() {
        return "RequestTraceSampler{parentBased(alwaysOn), no root client spans, no /q/ requests}";
    }
}
