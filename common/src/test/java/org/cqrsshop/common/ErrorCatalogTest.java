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

/** docs/errors.md is the documented set of codes; it, the enum and the gateway must list the same ones. */
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

    /** The gateway gives its own errors a code from the same set, which it must therefore know. */
    @Test
    void the_gateway_knows_every_error_code() throws Exception {
        String gatewayCodes = Files.readString(Path.of("../gateway/error-codes.mjs"));
        String list = gatewayCodes.substring(gatewayCodes.indexOf("DOCUMENTED_CODES"), gatewayCodes.indexOf("]);"));
        Matcher quoted = Pattern.compile("'([A-Z_]+)'").matcher(list);
        Set<String> known = new HashSet<>();
        while (quoted.find()) {
            known.add(quoted.group(1));
        }
        assertThat(known).isEqualTo(Arrays.stream(ErrorCode.values()).map(Enum::name).collect(Collectors.toSet()));
    }
}
