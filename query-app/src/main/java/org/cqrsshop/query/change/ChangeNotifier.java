package org.cqrsshop.query.change;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.cqrsshop.common.event.EventEnvelope;

/** Tells subscribers on every replica that a view changed. */
@ApplicationScoped
public class ChangeNotifier {

    public Uni<Void> publish(EventEnvelope envelope) {
        return Uni.createFrom().voidItem();
    }
}
