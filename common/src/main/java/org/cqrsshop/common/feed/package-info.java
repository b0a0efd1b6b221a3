/**
 * The bodies of the command-app's catch-up feed (docs/architecture.md), which the query-app reads
 * to repair gaps and to rebuild; their JSON form is {@link org.cqrsshop.common.event.json.FeedJson}.
 */
package org.cqrsshop.common.feed;
