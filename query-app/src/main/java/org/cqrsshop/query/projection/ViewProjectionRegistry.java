package org.cqrsshop.query.projection;

import static java.util.Comparator.comparing;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every projection of the read model, found among the CDI beans: a feature adds its view by
 * producing its {@link ViewProjection}, and consuming, rebuilding and catching up take it in
 * without this package knowing the feature.
 */
@Singleton
public class ViewProjectionRegistry {

    private final List<ViewProjection<?>> all;

    public ViewProjectionRegistry(Instance<ViewProjection<?>> projections) {
        // Sorted, because CDI promises no order and a rebuild should go the same way on every start.
        this.all = projections.stream().sorted(comparing(ViewProjection::streamType)).toList();
        List<String> sharedStreamTypes = all.stream()
                .collect(Collectors.groupingBy(ViewProjection::streamType, Collectors.counting()))
                .entrySet().stream().filter(entry -> entry.getValue() > 1).map(entry -> entry.getKey()).toList();
        if (!sharedStreamTypes.isEmpty()) {
            throw new IllegalStateException("more than one projection reads the streams of " + sharedStreamTypes);
        }
    }

    public List<ViewProjection<?>> all() {
        return all;
    }

    public Optional<ViewProjection<?>> forStreamType(String streamType) {
        return all.stream().filter(projection -> projection.streamType().equals(streamType)).findFirst();
    }
}
