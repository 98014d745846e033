package dev.understudy.demo.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void parsesEveryKind() {
        Object value = Json.parse(" {\"s\": \"a\\\"b\\\\c\\n\\u00e9\", \"n\": -12, \"d\": 1.5e2, \"t\": true, \"f\": false,"
                + " \"z\": null, \"a\": [1, \"x\", {}], \"o\": {\"k\": []}} ");

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("s", "a\"b\\c\né");
        expected.put("n", -12L);
        expected.put("d", 150.0);
        expected.put("t", true);
        expected.put("f", false);
        expected.put("z", null);
        expected.put("a", List.of(1L, "x", Map.of()));
        expected.put("o", Map.of("k", List.of()));
        assertThat(value).isEqualTo(expected);
    }

    @Test
    void writesWhatItParses() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("q", "say \"hi\"\t\u0001");
        map.put("list", Arrays.asList(1, 2L, null, true));
        String text = Json.write(map);

        assertThat(text).isEqualTo("{\"q\":\"say \\\"hi\\\"\\t\\u0001\",\"list\":[1,2,null,true]}");
        assertThat(Json.parse(text)).isEqualTo(Map.of("q", "say \"hi\"\t\u0001",
                "list", Arrays.asList(1L, 2L, null, true)));
    }

    @Test
    void rejectsWhatIsNotJson() {
        for (String bad : List.of("", "{", "{\"a\" 1}", "{\"a\":1,}", "[1 2]", "\"open", "tru", "{} x", "<html>",
                "{\"a\":\"\\x\"}")) {
            assertThatThrownBy(() -> Json.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Not JSON");
        }
        assertThatThrownBy(() -> Json.parseObject("[1]")).hasMessageContaining("Not a JSON object");
    }
}
