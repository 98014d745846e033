package dev.understudy.sample.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.understudy.api.CommitReceipt;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    private static String string(String s) {
        StringBuilder out = new StringBuilder();
        Json.string(out, s);
        return out.toString();
    }

    @Test
    void objectsKeepTheirOrderAndWriteNulls() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("session", "abc");
        fields.put("secondary", null);
        fields.put("epoch", 3L);
        fields.put("count", 7);
        fields.put("ok", true);
        fields.put("protection", CommitReceipt.Protection.ACKNOWLEDGED);

        assertThat(Json.object(fields)).isEqualTo(
                "{\"session\":\"abc\",\"secondary\":null,\"epoch\":3,\"count\":7,\"ok\":true,"
                        + "\"protection\":\"ACKNOWLEDGED\"}");
        assertThat(Json.object(Map.of())).isEqualTo("{}");
    }

    @Test
    void arraysOfStringsEmptyAndWithNulls() {
        assertThat(Json.object(Map.of("items", List.of("apple", "pear")))).isEqualTo("{\"items\":[\"apple\",\"pear\"]}");
        assertThat(Json.object(Map.of("items", List.of()))).isEqualTo("{\"items\":[]}");
        assertThat(Json.object(Map.of("items", Arrays.asList("a\"", null, 1))))
                .isEqualTo("{\"items\":[\"a\\\"\",null,1]}");
    }

    @Test
    void escapesQuotesBackslashesAndEveryControlCharacter() {
        assertThat(string("say \"hi\" \\ bye")).isEqualTo("\"say \\\"hi\\\" \\\\ bye\"");
        assertThat(string("\b\f\n\r\t")).isEqualTo("\"\\b\\f\\n\\r\\t\"");
        assertThat(string("\u0000\u0001\u001f\u007f")).isEqualTo("\"\\u0000\\u0001\\u001f\u007f\"");
        assertThat(string("</script>")).isEqualTo("\"</script>\"");
    }

    @Test
    void keepsUnicodeButEscapesLineSeparatorsAndUnpairedSurrogates() {
        assertThat(string("café € 😀")).isEqualTo("\"café € 😀\"");
        assertThat(string("a\u2028b\u2029")).isEqualTo("\"a\\u2028b\\u2029\"");
        assertThat(string("\ud800x")).isEqualTo("\"\\ud800x\"");
        assertThat(string("x\udc00")).isEqualTo("\"x\\udc00\"");
        assertThat(string("\ud83d")).isEqualTo("\"\\ud83d\"");
    }

    @Test
    void escapesKeysToo() {
        assertThat(Json.object(Map.of("a\"b\n", 1))).isEqualTo("{\"a\\\"b\\n\":1}");
    }

    @Test
    void refusesWhatJsonCannotSay() {
        assertThatThrownBy(() -> Json.object(Map.of("x", Double.NaN))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.object(Map.of("x", new Object())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Object");
    }
}
