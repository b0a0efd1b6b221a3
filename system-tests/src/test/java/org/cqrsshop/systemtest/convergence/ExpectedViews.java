package org.cqrsshop.systemtest.convergence;

import com.mongodb.MongoClientSettings;
import java.util.List;
import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.BsonDocumentWriter;
import org.bson.codecs.EncoderContext;
import org.bson.codecs.configuration.CodecRegistries;
import org.bson.codecs.configuration.CodecRegistry;
import org.bson.codecs.pojo.Conventions;
import org.bson.codecs.pojo.PojoCodecProvider;
import org.cqrsshop.common.event.EventEnvelope;
import org.cqrsshop.query.cart.CartProjection;
import org.cqrsshop.query.order.OrderProjection;
import org.cqrsshop.query.product.ProductProjection;
import org.cqrsshop.query.projection.Projections;
import org.cqrsshop.query.projection.StreamView;
import org.cqrsshop.query.projection.ViewProjection;

/**
 * The view document a stream should have: the stream folded by the query-app's own projection,
 * then encoded exactly as the query-app's MongoDB client stores it, so that the stored document
 * and the expected one can be compared BSON value by BSON value (instants at millisecond
 * precision included).
 */
public final class ExpectedViews {

    /** What Quarkus's MongoDB client registers: the driver's codecs, then automatic POJO codecs. */
    private static final CodecRegistry CODECS = CodecRegistries.fromRegistries(
            MongoClientSettings.getDefaultCodecRegistry(),
            CodecRegistries.fromProviders(PojoCodecProvider.builder()
                    .automatic(true)
                    .conventions(Conventions.DEFAULT_CONVENTIONS)
                    .build()));

    private ExpectedViews() {}

    /**
     * Every projection the query-app has. The app finds them through CDI, which this harness runs
     * without, so they are named here; a view added to the app must be added here to be checked.
     */
    private static final List<ViewProjection<?>> PROJECTIONS =
            List.of(ProductProjection.INSTANCE, CartProjection.INSTANCE, OrderProjection.INSTANCE);

    public static List<ViewProjection<?>> projections() {
        return PROJECTIONS;
    }

    /** The projection that reads this stream type, if the read model keeps such streams at all. */
    public static Optional<ViewProjection<?>> projectionOf(String streamType) {
        return projections().stream().filter(projection -> projection.streamType().equals(streamType)).findFirst();
    }

    /** The MongoDB collection that holds the views of this stream type. */
    public static String collectionOf(String streamType) {
        return projectionOf(streamType)
                .orElseThrow(() -> new IllegalArgumentException("no projection reads stream type " + streamType))
                .collection();
    }

    /**
     * The document that {@code events}, the first events of one stream in version order, fold
     * into. A prefix of a stream gives the view as it stood after that many events.
     */
    public static BsonDocument fold(List<EventEnvelope> events) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("an empty stream has no view");
        }
        ViewProjection<?> projection = projectionOf(events.get(0).streamType())
                .orElseThrow(() -> new IllegalArgumentException("no projection reads " + events.get(0).streamType()));
        return foldWith(projection, events);
    }

    private static <V extends StreamView> BsonDocument foldWith(
            ViewProjection<V> projection, List<EventEnvelope> events) {
        V view = Projections.fold(projection, events);
        BsonDocument document = new BsonDocument();
        CODECS.get(projection.viewType())
                .encode(new BsonDocumentWriter(document), view, EncoderContext.builder().build());
        return document;
    }
}
