package dev.understudy.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.understudy.demo.client.Json;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTextTest {

    @Test
    void writesNestedValuesInOrder() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", 1);
        inner.put("a", List.of(true, false));
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("n", null);
        outer.put("inner", inner);
        outer.put("long", 12_345_678_901L);
        outer.put("double", 1.5);

        assertThat(JsonText.write(outer))
                .isEqualTo("{\"n\":null,\"inner\":{\"z\":1,\"a\":[true,false]},\"long\":12345678901,\"double\":1.5}");
    }

    @Test
    void nonFiniteNumbersAreNull() {
        assertThat(JsonText.write(Arrays.asList(Double.NaN, Double.POSITIVE_INFINITY, Float.NaN, 0.25f)))
                .isEqualTo("[null,null,null,0.25]");
    }

    @Test
    void escapesWhatJsonAndHtmlNeed() {
        String text = "quote \" backslash \\ newline \n tab \t <script>&\u0001";

        String json = JsonText.write(text);

        assertThat(json).doesNotContain("<", ">", "&", "\n", "\t");
        assertThat(Json.parse(json)).isEqualTo(text);
    }

    @Test
    void enumsAreTheirNames() {
        assertThat(JsonText.write(Map.of("kind", dev.understudy.api.SessionKind.WEB))).isEqualTo("{\"kind\":\"WEB\"}");
    }

    @Test
    void refusesWhatHasNoJsonForm() {
        assertThatThrownBy(() -> JsonText.write(new Object())).isInstanceOf(IllegalArgumentException.class);
    }
}
