package dev.understudy.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.understudy.api.SessionRoute;
import dev.understudy.web.SessionCookie.Action;
import dev.understudy.web.SessionCookie.ClientCookie;
import dev.understudy.web.SessionCookie.Secure;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

/** The cookie's header and the decision when to send one. */
class SessionCookieTest {

    private static final SessionRoute ROUTE = new SessionRoute("s1", "a", "b", 1);

    private static SessionCookie cookie(Secure secure, String sameSite, int maxAge) {
        return new SessionCookie("USSESSION", "/shop", null, secure, true, sameSite, maxAge);
    }

    @Test
    void noCookieIsWrittenWhenTheClientHoldsTheRoute() {
        assertThat(SessionCookie.decide(ClientCookie.of(ROUTE, "v1"), ROUTE, "v1")).isEqualTo(Action.KEEP);
        assertThat(SessionCookie.decide(ClientCookie.ABSENT, null, null)).isEqualTo(Action.KEEP);
    }

    @Test
    void aNewSessionOrAnyRouteChangeIsWritten() {
        assertThat(SessionCookie.decide(ClientCookie.ABSENT, ROUTE, "v1")).isEqualTo(Action.WRITE);
        assertThat(SessionCookie.decide(ClientCookie.GARBLED, ROUTE, "v1")).isEqualTo(Action.WRITE);
        assertThat(SessionCookie.decide(ClientCookie.of(ROUTE, "v1"), new SessionRoute("s1", "c", "b", 2), "v2"))
                .as("new primary, epoch").isEqualTo(Action.WRITE);
        assertThat(SessionCookie.decide(ClientCookie.of(ROUTE, "v1"), new SessionRoute("s1", "a", "c", 1), "v2"))
                .as("new secondary").isEqualTo(Action.WRITE);
        assertThat(SessionCookie.decide(ClientCookie.of(ROUTE, "v1"), new SessionRoute("s1", "a", "b", 2), "v2"))
                .as("new epoch").isEqualTo(Action.WRITE);
        assertThat(SessionCookie.decide(ClientCookie.of(ROUTE, "v1"), new SessionRoute("s2", "a", "b", 1), "v2"))
                .as("new id").isEqualTo(Action.WRITE);
    }

    @Test
    void theSameRouteInAnotherValueIsWrittenAgain() {
        // e.g. signed with a previous route key during a rotation's grace period: re-issued with the current one
        assertThat(SessionCookie.decide(ClientCookie.of(ROUTE, "v0"), ROUTE, "v1")).isEqualTo(Action.WRITE);
    }

    @Test
    void aCookieWithoutSessionIsCleared() {
        assertThat(SessionCookie.decide(ClientCookie.of(ROUTE, "v1"), null, null)).isEqualTo(Action.CLEAR);
        assertThat(SessionCookie.decide(ClientCookie.GARBLED, null, null)).isEqualTo(Action.CLEAR);
    }

    @Test
    void theHeaderCarriesEveryConfiguredAttribute() {
        assertThat(cookie(Secure.AUTO, "Lax", -1).setHeader("v.1", false))
                .isEqualTo("USSESSION=v.1; Path=/shop; HttpOnly; SameSite=Lax");
        assertThat(cookie(Secure.AUTO, "strict", 3600).setHeader("v", true))
                .isEqualTo("USSESSION=v; Max-Age=3600; Path=/shop; Secure; HttpOnly; SameSite=Strict");
        assertThat(cookie(Secure.ALWAYS, "", -1).setHeader("v", false))
                .isEqualTo("USSESSION=v; Path=/shop; Secure; HttpOnly");
        assertThat(new SessionCookie("S", "/", "example.com", Secure.NEVER, false, "None", -1).setHeader("v", true))
                .isEqualTo("S=v; Path=/; Domain=example.com; SameSite=None");
    }

    @Test
    void clearingExpiresTheCookieAtTheSamePath() {
        assertThat(cookie(Secure.AUTO, "Lax", 3600).clearHeader(false))
                .isEqualTo("USSESSION=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/shop; HttpOnly;"
                        + " SameSite=Lax");
    }

    @Test
    void invalidAttributesAreRefused() {
        assertThatThrownBy(() -> new SessionCookie("a b", "/", null, Secure.AUTO, true, "", -1))
                .hasMessageContaining("token");
        assertThatThrownBy(() -> new SessionCookie("a", "shop", null, Secure.AUTO, true, "", -1))
                .hasMessageContaining("path");
        assertThatThrownBy(() -> new SessionCookie("a", "/x;y", null, Secure.AUTO, true, "", -1))
                .hasMessageContaining("path");
        assertThatThrownBy(() -> new SessionCookie("a", "/", "bad domain", Secure.AUTO, true, "", -1))
                .hasMessageContaining("domain");
        assertThatThrownBy(() -> new SessionCookie("a", "/", null, Secure.AUTO, true, "loose", -1))
                .hasMessageContaining("SameSite");
        assertThatThrownBy(() -> cookie(Secure.AUTO, "", -1).setHeader("has space", false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyCookiesOfItsNameAreRead() {
        Cookie[] cookies = {new Cookie("JSESSIONID", "x"), new Cookie("USSESSION", "first"),
            new Cookie("USSESSION", "second")};

        assertThat(cookie(Secure.AUTO, "", -1).values(cookies)).containsExactly("first", "second");
        assertThat(cookie(Secure.AUTO, "", -1).values(null)).isEmpty();
    }
}
