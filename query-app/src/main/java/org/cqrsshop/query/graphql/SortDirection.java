package org.cqrsshop.query.graphql;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

/** Shared by every sorted list of this API, products and orders alike. */
@Enum("SortDirection")
@Description("Ascending (smallest, earliest, A first) or descending.")
public enum SortDirection {
    ASC,
    DESC
}
