package org.cqrsshop.query.order;

import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.cqrsshop.query.paging.Cursor.Keyset;
import org.cqrsshop.query.paging.Cursor.Position;

@ApplicationScoped
public class OrderViewRepository implements ReactivePanacheMongoRepositoryBase<OrderView, String> {

    /**
     * One page of the orders that meet the criteria, with one more item than asked for, which
     * tells whether another page follows, and how many match in all.
     *
     * @param after where the page starts; {@code null} for the first page
     */
    public Uni<OrderPage> page(OrderCriteria criteria, Keyset<OrderView> keyset, Position after, int size) {
        Document matching = filter(criteria);
        Uni<List<OrderView>> items = find(keyset.page(matching, after), keyset.sort()).range(0, size).list();
        Uni<Long> total = count(matching);
        return Uni.combine().all().unis(items, total).with(OrderPage::new);
    }

    public Uni<OrderView> byNumber(String orderNumber) {
        return find(new Document("orderNumber", orderNumber)).firstResult();
    }

    /**
     * The orders placed in {@code [from, to)}, grouped by status and currency: a handful of
     * documents however many orders there are, each with {@code _id.status}, {@code _id.currency},
     * {@code orders} and {@code totalMinor}.
     */
    public Uni<List<Document>> totalsPerStatusAndCurrency(Instant from, Instant to) {
        List<Document> perStatusAndCurrency = List.of(
                new Document("$match", new Document("placedAt", new Document("$gte", storedInstant(from))
                        .append("$lt", storedInstant(to)))),
                new Document("$group", new Document("_id", new Document("status", "$status").append("currency", "$currency"))
                        .append("orders", new Document("$sum", 1))
                        .append("totalMinor", new Document("$sum", "$totalMinor"))));
        return mongoCollection().aggregate(perStatusAndCurrency, Document.class).collect().asList();
    }

    static Document filter(OrderCriteria criteria) {
        List<Document> conditions = new ArrayList<>();
        if (!criteria.statuses().isEmpty()) {
            conditions.add(new Document("status",
                    new Document("$in", criteria.statuses().stream().map(Enum::name).distinct().toList())));
        }
        if (criteria.customerId() != null) {
            conditions.add(new Document("customerId", criteria.customerId()));
        }
        if (criteria.placedFrom() != null) {
            conditions.add(new Document("placedAt", new Document("$gte", storedInstant(criteria.placedFrom()))));
        }
        if (criteria.placedTo() != null) {
            conditions.add(new Document("placedAt", new Document("$lt", storedInstant(criteria.placedTo()))));
        }
        return switch (conditions.size()) {
            case 0 -> new Document();
            case 1 -> conditions.get(0);
            default -> new Document("$and", conditions);
        };
    }

    /**
     * MongoDB keeps whole milliseconds. Rounding a bound up to the next one keeps both {@code >=}
     * and {@code <} exact for what is stored; rounding down would let in an order placed just
     * before {@code placedFrom}.
     */
    static Date storedInstant(Instant bound) {
        long millis = bound.toEpochMilli();
        return new Date(bound.getNano() % 1_000_000 == 0 ? millis : millis + 1);
    }
}
