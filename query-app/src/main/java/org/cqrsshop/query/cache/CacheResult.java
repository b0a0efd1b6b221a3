package org.cqrsshop.query.cache;

import java.util.Locale;

/** The {@code result} tag of {@code cqrs.cache.requests}. */
enum CacheResult {
    HIT, MISS,
    /** Redis failed or timed out, or the cache is suspect: the read went to MongoDB. */
    ERROR;

    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
