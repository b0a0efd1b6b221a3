package org.cqrsshop.query.graphql;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

@Type("PageInfo")
@Description("Where a page sits in its list: pass endCursor as `after` to get the next page.")
public record PageInfo(boolean hasNextPage, String endCursor) {

    /** @param cursors the cursors of the page's items, in order */
    public static PageInfo of(List<String> cursors, boolean hasNextPage) {
        return new PageInfo(hasNextPage, cursors.isEmpty() ? null : cursors.get(cursors.size() - 1));
    }
}
