package org.cqrsshop.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cqrsshop.common.money.CurrencyCode;
import org.cqrsshop.common.money.Money;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void adds_amounts_of_one_currency_exactly() {
        assertThat(Money.of(1999, "EUR").plus(Money.of(1, "EUR"))).isEqualTo(Money.of(2000, "EUR"));
    }

    @Test
    void refuses_to_mix_currencies() {
        assertThatThrownBy(() -> Money.of(1, "EUR").plus(Money.of(1, "USD")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("EUR").hasMessageContaining("USD");
    }

    @Test
    void overflow_fails_instead_of_wrapping() {
        assertThatThrownBy(() -> Money.of(Long.MAX_VALUE, "EUR").times(2)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void only_iso_4217_codes_are_currencies() {
        assertThat(CurrencyCode.of("JPY").fractionDigits()).isZero();
        assertThat(CurrencyCode.of("BHD").fractionDigits()).isEqualTo(3);
        assertThatThrownBy(() -> CurrencyCode.of("eur")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CurrencyCode.of("XYZ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CurrencyCode.of("EUROS")).isInstanceOf(IllegalArgumentException.class);
    }
}
