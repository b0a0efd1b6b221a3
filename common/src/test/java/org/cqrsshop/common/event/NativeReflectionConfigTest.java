package org.cqrsshop.common.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.cqrsshop.common.feed.CommittedEvents;
import org.cqrsshop.common.feed.StoreHead;
import org.cqrsshop.common.feed.StreamEvents;
import org.junit.jupiter.api.Test;

/**
 * A native image knows only the classes it was told to reflect on, and Jackson reads and writes
 * every event by reflection. This keeps {@code src-native/native-image/reflect-config.json} in step
 * with the event registry and the feed: every event, every feed page, and every type they are made of, must
 * be registered with its constructors, methods and fields, and nothing gone may stay listed.
 */
class NativeReflectionConfigTest {

    static final Path CONFIG = Path.of("..", "src-native", "native-image", "reflect-config.json");
    private static final String OUR_PACKAGES = "org.cqrsshop.";

    @Test
    void every_event_and_every_type_it_is_made_of_is_registered_for_reflection() throws IOException {
        Map<String, JsonNode> registered = registered();

        Set<String> missing = new TreeSet<>();
        Set<String> incomplete = new TreeSet<>();
        for (Class<?> needed : serialisedTypes()) {
            JsonNode entry = registered.get(needed.getName());
            if (entry == null) {
                missing.add(needed.getName());
            } else if (!entry.path("allDeclaredConstructors").asBoolean() || !entry.path("allDeclaredMethods").asBoolean()
                    || !entry.path("allDeclaredFields").asBoolean()) {
                incomplete.add(needed.getName());
            }
        }

        assertThat(missing).as("classes missing from %s", CONFIG).isEmpty();
        assertThat(incomplete).as("entries of %s without allDeclaredConstructors, -Methods and -Fields", CONFIG)
                .isEmpty();
    }

    @Test
    void every_registered_class_still_exists() throws IOException {
        Set<String> gone = new TreeSet<>();
        for (String name : registered().keySet()) {
            try {
                Class.forName(name);
            } catch (ClassNotFoundException e) {
                gone.add(name);
            }
        }
        assertThat(gone).as("entries of %s naming classes that no longer exist", CONFIG).isEmpty();
    }

    @Test
    void every_class_of_the_sealed_event_families_is_in_the_registry() {
        Set<Class<?>> inRegistry = new java.util.HashSet<>();
        EventTypes.all().forEach(type -> inRegistry.add(type.javaType()));
        for (Class<? extends DomainEvent> family : EventTypes.FAMILIES) {
            assertThat(inRegistry).as("events of %s", family.getSimpleName()).contains(family.getPermittedSubclasses());
        }
    }

    private static Map<String, JsonNode> registered() throws IOException {
        Map<String, JsonNode> byName = new TreeMap<>();
        for (JsonNode entry : new ObjectMapper().readTree(CONFIG.toFile())) {
            byName.put(entry.path("name").asText(), entry);
        }
        return byName;
    }

    /**
     * The events, the envelope, the catch-up feed's pages, and what their record components are
     * made of, down to our own leaves.
     */
    static Set<Class<?>> serialisedTypes() {
        Deque<Class<?>> toVisit = new ArrayDeque<>();
        toVisit.add(EventEnvelope.class);
        toVisit.addAll(List.of(StreamEvents.class, CommittedEvents.class, StoreHead.class));
        EventTypes.all().forEach(type -> toVisit.add(type.javaType()));
        for (Class<? extends DomainEvent> family : EventTypes.FAMILIES) {
            for (Class<?> permitted : family.getPermittedSubclasses()) {
                toVisit.add(permitted);
            }
        }
        Set<Class<?>> found = new java.util.LinkedHashSet<>();
        while (!toVisit.isEmpty()) {
            Class<?> type = toVisit.poll();
            if (!type.getName().startsWith(OUR_PACKAGES) || type.isInterface()
                    || Modifier.isAbstract(type.getModifiers()) || !found.add(type)) {
                continue;
            }
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    addTypes(component.getGenericType(), toVisit);
                }
            }
        }
        return found;
    }

    private static void addTypes(Type type, Deque<Class<?>> toVisit) {
        if (type instanceof Class<?> plain) {
            toVisit.add(plain.isArray() ? plain.getComponentType() : plain);
        } else if (type instanceof ParameterizedType generic) {
            addTypes(generic.getRawType(), toVisit);
            for (Type argument : generic.getActualTypeArguments()) {
                addTypes(argument, toVisit);
            }
        }
    }
}
