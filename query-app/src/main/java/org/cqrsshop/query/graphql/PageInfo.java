package org.cqrsshop.query.graphql;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

@Type("PageInfo")
@Description("Where a page sits in its list: pass endCursor as `after` to get the next page.")
public record PageInfo(boolean hasNextPage, String endCursor) {}
