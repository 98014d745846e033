package dev.understudy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the WAR's descriptors and pages promise: everything behind the role understudy-admin with BASIC, the group
 * of that name mapped to it, context root /understudy; the dashboard needs nothing from outside the WAR.
 */
class WebAppTest {
    private static final Path WEBAPP = Path.of("src", "main", "webapp");

    @Test
    void everyPathNeedsTheRoleByBasicAuth() throws IOException {
        String webXml = Files.readString(WEBAPP.resolve("WEB-INF/web.xml"));

        assertThat(webXml).contains("<url-pattern>/*</url-pattern>", "<role-name>understudy-admin</role-name>",
                "<auth-method>BASIC</auth-method>", "<deny-uncovered-http-methods/>");
        assertThat(webXml).doesNotContain("<http-method>");
    }

    @Test
    void theGroupMapsToTheRoleAndTheContextRootIsUnderstudy() throws IOException {
        String payaraWeb = Files.readString(WEBAPP.resolve("WEB-INF/payara-web.xml"));

        assertThat(payaraWeb).contains("<context-root>/understudy</context-root>",
                "<role-name>understudy-admin</role-name>", "<group-name>understudy-admin</group-name>");
    }

    @Test
    void theDashboardLoadsOnlyItsOwnFilesByRelativeUrls() throws IOException {
        String index = Files.readString(WEBAPP.resolve("index.html"));
        String script = Files.readString(WEBAPP.resolve("dashboard.js"));

        Matcher references = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(index);
        int count = 0;
        while (references.find()) {
            String reference = references.group(1);
            assertThat(reference).as("reference in index.html").doesNotContain("//").doesNotStartWith("/");
            assertThat(WEBAPP.resolve(reference)).exists();
            count++;
        }
        assertThat(count).isEqualTo(2);
        assertThat(script).contains("'api/status'", "api/settings/mode", "api/settings/batching",
                "api/settings/pairing", "api/settings/log-level", "api/explain", "api/history").doesNotContain("http:", "https:")
                .doesNotContain(".innerHTML");
    }
}
