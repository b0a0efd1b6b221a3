package org.cqrsshop.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.cqrsshop.common.error.ErrorCode;
import org.junit.jupiter.api.Test;

/** docs/errors.md is the documented set of codes; it and the enum must list the same ones. */
class ErrorCatalogTest {

    private static final Pattern TABLE_ROW_CODE = Pattern.compile("^\\| `([A-Z_]+)` \\|", Pattern.MULTILINE);

    @Test
    void every_error_code_is_documented_and_every_documented_code_exists() throws Exception {
        String catalog = Files.readString(Path.of("../docs/errors.md"));
        Matcher rows = TABLE_ROW_CODE.matcher(catalog);
        Set<String> documented = new HashSet<>();
        while (rows.find()) {
            documented.add(rows.group(1));
        }
        Set<String> defined = Arrays.stream(ErrorCode.values()).map(Enum::name).collect(Collectors.toSet());
        assertThat(documented).isEqualTo(defined);
    }
}
