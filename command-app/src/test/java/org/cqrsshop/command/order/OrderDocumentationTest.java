package org.cqrsshop.command.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cqrsshop.common.event.order.OrderStatus;
import org.junit.jupiter.api.Test;

/** docs/orders.md shows the status table to people; it must say what the code does. */
class OrderDocumentationTest {

    private static final Pattern ROW = Pattern.compile("^\\| `([A-Z]+)` \\|\\s*([^|]*?)\\s*\\|", Pattern.MULTILINE);

    @Test
    void the_documented_status_table_is_the_one_the_code_enforces() throws Exception {
        Map<OrderStatus, Set<OrderStatus>> documented = new EnumMap<>(OrderStatus.class);
        Matcher rows = ROW.matcher(Files.readString(Path.of("../docs/orders.md")));
        while (rows.find()) {
            Set<OrderStatus> targets = EnumSet.noneOf(OrderStatus.class);
            Arrays.stream(rows.group(2).split(","))
                    .map(cell -> cell.replace("`", "").trim())
                    .filter(cell -> !cell.isEmpty())
                    .forEach(cell -> targets.add(OrderStatus.valueOf(cell)));
            documented.put(OrderStatus.valueOf(rows.group(1)), targets);
        }
        assertThat(documented).isEqualTo(OrderDecider.TRANSITIONS);
    }
}
