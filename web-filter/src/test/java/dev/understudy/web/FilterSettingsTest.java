package dev.understudy.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One validated settings object; defaults from the container; the README table equal to the code. */
class FilterSettingsTest {

    private final Map<String, String> init = new HashMap<>();
    private final Map<String, String> contextParams = new HashMap<>();
    private FilterSettings.ContainerDefaults container = new FilterSettings.ContainerDefaults("/shop", 30, null, null,
            false, null);

    private FilterSettings read() {
        return FilterSettings.read(init::get, contextParams::get, container);
    }

    @Test
    void defaults() {
        FilterSettings settings = read();

        assertThat(settings.factoryNames()).containsExactly("java:app/understudy/ReplicationConnectionFactory",
                "understudy/ReplicationConnectionFactory");
        assertThat(settings.cookie()).isEqualTo(new SessionCookie("USSESSION", "/shop", null,
                SessionCookie.Secure.AUTO, true, "Lax", -1));
        assertThat(settings.maxInactiveSeconds()).isEqualTo(1800);
        assertThat(settings.listeners()).isEmpty();
        assertThat(settings.discoverListeners()).isTrue();
        assertThat(settings.maxDepth()).isEqualTo(100);
        assertThat(settings.maxRefs()).isEqualTo(1_000_000);
    }

    @Test
    void theContainerSessionConfigIsTheDefault() {
        container = new FilterSettings.ContainerDefaults("", 5, "/app", "example.com", true, "Strict");

        FilterSettings settings = read();

        assertThat(settings.maxInactiveSeconds()).isEqualTo(300);
        assertThat(settings.cookie()).isEqualTo(new SessionCookie("USSESSION", "/app", "example.com",
                SessionCookie.Secure.ALWAYS, true, "Strict", -1));
    }

    @Test
    void theRootContextGetsPathSlashAndAnUnknownTimeoutTheFallback() {
        container = new FilterSettings.ContainerDefaults("", null, null, null, false, null);

        FilterSettings settings = read();

        assertThat(settings.cookie().path()).isEqualTo("/");
        assertThat(settings.maxInactiveSeconds()).isEqualTo(1800);
    }

    @Test
    void initParamsWinOverContextParams() {
        contextParams.put("dev.understudy.web.cookieName", "FROMCONTEXT");
        contextParams.put("dev.understudy.web.listeners", "a.B, c.D  e.F,a.B");
        init.put("cookieName", "FROMINIT");
        init.put("connectionFactory", "java:global/cf");
        init.put("cookieSecure", "false");
        init.put("cookieSameSite", "");
        init.put("maxInactiveInterval", "60");
        init.put("listenerDiscovery", "EXPLICIT");

        FilterSettings settings = read();

        assertThat(settings.cookie().name()).isEqualTo("FROMINIT");
        assertThat(settings.cookie().secure()).isEqualTo(SessionCookie.Secure.NEVER);
        assertThat(settings.cookie().sameSite()).isEmpty();
        assertThat(settings.factoryNames()).containsExactly("java:global/cf");
        assertThat(settings.listeners()).containsExactly("a.B", "c.D", "e.F");
        assertThat(settings.maxInactiveSeconds()).isEqualTo(60);
        assertThat(settings.discoverListeners()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"cookieName=bad name", "cookiePath=relative", "cookieSecure=maybe",
        "cookieHttpOnly=yes", "cookieSameSite=loose", "cookieMaxAge=soon", "exclude=[unclosed",
        "maxInactiveInterval=1e3", "listenerDiscovery=magic", "deserializationMaxDepth=0",
        "deserializationMaxRefs=-1", "cookieDomain=a b"})
    void anInvalidValueIsRefusedNamingTheParameter(String assignment) {
        String[] parts = assignment.split("=", 2);
        init.put(parts[0], parts[1]);

        assertThatThrownBy(this::read).isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage().toLowerCase())
                        .containsAnyOf(parts[0].toLowerCase(), "cookie"));
    }

    @Test
    void staticResourcesAreExcludedByDefault() {
        FilterSettings settings = read();

        assertThat(List.of("/css/site.css", "/js/app.JS", "/img/logo.png;jsessionid=1", "/favicon.ico",
                "/fonts/a.woff2", "/app.js.map")).allMatch(settings::excluded);
        assertThat(List.of("/api/counter", "/index.html", "/", "", "/css.php", "/js/app.js/../api"))
                .noneMatch(settings::excluded);
    }

    @Test
    void theExcludePatternIsConfigurableAndCanBeEmpty() {
        init.put("exclude", "/health|/static/.*");
        FilterSettings custom = read();
        assertThat(custom.excluded("/health")).isTrue();
        assertThat(custom.excluded("/static/a.txt")).isTrue();
        assertThat(custom.excluded("/site.css")).isFalse();

        init.put("exclude", "");
        assertThat(read().excluded("/site.css")).isFalse();
    }

    @Test
    void theReadmeTableListsEverySettingWithItsDefault() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("\n## Parameters");
        assertThat(start).as("README has a Parameters section").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        Matcher row = Pattern.compile("(?m)^\\| `([A-Za-z]+)` \\| (.+?) \\| (.+?) \\|$").matcher(section);
        Map<String, String> table = new LinkedHashMap<>();
        while (row.find()) {
            table.put(row.group(1), row.group(2));
        }
        Map<String, String> code = new LinkedHashMap<>();
        Arrays.stream(Setting.values()).forEach(s -> code.put(s.paramName(), s.defaultText()));

        assertThat(table).isEqualTo(code);
    }
}
