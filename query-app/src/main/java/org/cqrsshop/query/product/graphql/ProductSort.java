package org.cqrsshop.query.product.graphql;

import org.cqrsshop.query.paging.Cursor.Keyset;
import org.cqrsshop.query.paging.Cursor.ValueType;
import org.cqrsshop.query.graphql.SortDirection;
import org.cqrsshop.query.product.ProductView;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

@Input("ProductSort")
@Description("The order of a product list. A page cursor only works with the sort it was issued for.")
public record ProductSort(
        @DefaultValue("NAME") ProductSortField field,
        @DefaultValue("ASC") SortDirection direction) {

    static final ProductSort DEFAULT = new ProductSort(ProductSortField.NAME, SortDirection.ASC);

    /** An explicit null means the default, as leaving the field out does. */
    public ProductSort {
        field = field == null ? DEFAULT.field : field;
        direction = direction == null ? DEFAULT.direction : direction;
    }

    Keyset<ProductView> keyset() {
        String name = "products:" + field + ":" + direction;
        boolean descending = direction == SortDirection.DESC;
        return switch (field) {
            case NAME -> new Keyset<>(name, "name", ValueType.TEXT, descending, view -> view.name);
            case PRICE -> new Keyset<>(name, "priceAmountMinor", ValueType.WHOLE_NUMBER, descending,
                    view -> view.priceAmountMinor);
            case CREATED -> new Keyset<>(name, "createdAt", ValueType.TIMESTAMP, descending, view -> view.createdAt);
            case UPDATED -> new Keyset<>(name, "updatedAt", ValueType.TIMESTAMP, descending, view -> view.updatedAt);
        };
    }
}
