package dev.understudy.sample.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class InputsTest {

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t"})
    void aMissingOrEmptyItemIsABadRequest(String item) {
        assertThatThrownBy(() -> Inputs.item(item)).isInstanceOfSatisfying(ShopError.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e).hasMessageContaining("'item'");
        });
    }

    @Test
    void anItemIsKeptAsSent() {
        assertThat(Inputs.item(" pear & \"fig\" ")).isEqualTo(" pear & \"fig\" ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "4096", "10485760", "007"})
    void bytesFromZeroToTenMebibytes(String bytes) {
        assertThat(Inputs.bytes(bytes)).isEqualTo(Integer.parseInt(bytes));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void bytesAreRequired(String bytes) {
        assertBadRequest(bytes, "required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1.5", "0x10", "+3", " 3", "3 ", "1e3", "٣"})
    void bytesMustBeAWholeNumber(String bytes) {
        assertBadRequest(bytes, "whole number");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "-10485761"})
    void bytesMustNotBeNegative(String bytes) {
        assertBadRequest(bytes, "negative");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10485761", "2147483648", "99999999999999999999999999"})
    void bytesAboveTenMebibytesAreRefused(String bytes) {
        assertBadRequest(bytes, "at most 10485760");
    }

    @Test
    void aLongBadValueIsNotEchoedWhole() {
        String junk = "x".repeat(500);
        assertThatThrownBy(() -> Inputs.bytes(junk)).hasMessageContaining("x".repeat(40) + "...")
                .hasMessageNotContaining("x".repeat(41));
    }

    private static void assertBadRequest(String bytes, String why) {
        assertThatThrownBy(() -> Inputs.bytes(bytes)).isInstanceOfSatisfying(ShopError.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e).hasMessageContaining(why);
        });
    }
}
