package dev.understudy.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.understudy.api.SessionRoute;
import dev.understudy.api.SessionState;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Attacks through the session cookie (issue 7 points 2 and 7), run through the real filter over the in-memory
 * adapter: each is refused or neutralised with an exact outcome — no session handed out, never a fetch, counted,
 * never a 500 — and a genuine session next to it is untouched.
 */
class CookieAttackTest {
    private final FilterHarness harness = new FilterHarness();

    @BeforeEach
    void start() throws Exception {
        harness.start();
    }

    @AfterEach
    void close() {
        harness.close();
    }

    private static int increment(HttpServletRequest req) {
        Integer count = (Integer) req.getSession().getAttribute("counter");
        int next = count == null ? 1 : count + 1;
        req.getSession().setAttribute("counter", next);
        return next;
    }

    private String genuineSession(int requests) throws Exception {
        String cookie = harness.request(null, (req, res) -> increment(req)).cookie().orElseThrow();
        for (int i = 1; i < requests; i++) {
            harness.request(cookie, (req, res) -> increment(req));
        }
        return cookie;
    }

    @Test
    void aCookieWithAForgedMacIsNoSessionIsNeverOpenedAndIsCleared() throws Exception {
        String genuine = genuineSession(3);
        String body = genuine.substring(0, genuine.lastIndexOf('.'));
        harness.replication.log.clear();

        FilterHarness.Exchange attack = harness.request(body + ".deadbeef",
                (req, res) -> assertThat(req.getSession(false)).isNull());

        assertThat(attack.response().status).isEqualTo(200);
        assertThat(harness.replication.log).isEmpty();
        assertThat(attack.cookie()).contains("");
        assertThat(harness.stats().snapshot()).containsEntry("badCookies", 1L);
        assertThat(harness.codes()).containsExactly("US-W001", "US-W003", "US-W010");
        assertThat(harness.request(genuine, (req, res) -> assertThat(increment(req)).isEqualTo(4)).response().status)
                .isEqualTo(200);
    }

    @Test
    void aGenuineCookieWithItsRouteRewrittenToOtherNodesIsNoSession() throws Exception {
        String genuine = genuineSession(1);
        String[] parts = genuine.split("\\.", -1);
        List<String> rewritten = List.of(
                String.join(".", parts[0], "evil", parts[2], parts[3], parts[4]),
                String.join(".", parts[0], parts[1], "evil", parts[3], parts[4]),
                String.join(".", parts[0], parts[1], parts[2], "99", parts[4]),
                String.join(".", "sid-2", parts[1], parts[2], parts[3], parts[4]));
        harness.replication.log.clear();

        for (String value : rewritten) {
            harness.request(value, (req, res) -> assertThat(req.getSession(false)).as(value).isNull());
        }

        assertThat(harness.replication.log).isEmpty();
        assertThat(harness.stats().snapshot()).containsEntry("badCookies", (long) rewritten.size());
    }

    @Test
    void garbageCookieValuesNeverReachTheAdapterAsARouteAndNeverFail() throws Exception {
        List<String> garbage = List.of("", ".", "....", "a.b.c.d.e.f", "%00%2e", "x".repeat(10_000),
                "sid-1.node-1..0.", "\u00e9t\u00e9.a.b.1.mac");
        for (String value : garbage) {
            FilterHarness.Exchange e = harness.request(value, (req, res) -> req.getSession(false));
            assertThat(e.response().status).as(value).isEqualTo(200);
        }
        assertThat(harness.replication.store).isEmpty();
        assertThat(harness.stats().snapshot()).containsEntry("badCookies", (long) garbage.size());
    }

    @Test
    void aValidlySignedCookieForASessionThatDoesNotExistNeverFixesTheIdOfTheNextSession() throws Exception {
        // session fixation: the attacker plants a cookie naming an id it chose; the filter never adopts it
        String planted = InMemoryReplication.encode(new SessionRoute("attacker-chosen", "node-a", null, 1));

        FilterHarness.Exchange e = harness.request(planted, (req, res) -> increment(req));

        String issued = e.cookie().orElseThrow();
        assertThat(issued).doesNotStartWith("attacker-chosen.");
        assertThat(harness.replication.store.keySet()).extracting(k -> k.id()).doesNotContain("attacker-chosen");
    }

    @Test
    void stuffedCookiesOfTheSameNameCannotShadowTheGenuineOne() throws Exception {
        String genuine = genuineSession(2);
        FakeHttp.Request request = harness.newRequest(null);
        request.cookie("USSESSION", "forged.node-a..1.0000");
        request.cookie("USSESSION", genuine);
        request.cookie("USSESSION", "also.forged");

        harness.send(request, (req, res) -> assertThat(increment(req)).isEqualTo(3));

        assertThat(harness.stats().snapshot()).containsEntry("badCookies", 0L);
    }

    @Test
    void aCookieSignedWithThePreviousKeyIsServedDuringTheGraceAndReissuedWithTheCurrentKey() throws Exception {
        harness.replication.previousKeyAccepted = true;
        harness.stored("sid-old", new SessionState(harness.now, harness.now, 1800, Map.of()));
        SessionRoute route = harness.replication.entry("/shop", "sid-old").route;
        String oldKeyCookie = InMemoryReplication.encodeWithPreviousKey(route);

        FilterHarness.Exchange first = harness.request(oldKeyCookie, (req, res) -> increment(req));
        String reissued = first.cookie().orElseThrow();
        FilterHarness.Exchange second = harness.request(reissued, (req, res) -> increment(req));

        assertThat(reissued).isEqualTo(InMemoryReplication.encode(route)).isNotEqualTo(oldKeyCookie);
        assertThat(second.response().setCookies()).isEmpty();
        assertThat(harness.replication.entry("/shop", "sid-old").state.attributes()).containsKey("counter");
        assertThat(harness.stats().snapshot()).containsEntry("badCookies", 0L);
        // once the grace is over the old value is refused like a forged one
        harness.replication.previousKeyAccepted = false;
        harness.request(oldKeyCookie, (req, res) -> assertThat(req.getSession(false)).isNull());
        assertThat(harness.stats().snapshot()).containsEntry("badCookies", 1L);
    }

    @Test
    void afterChangeSessionIdThePreLoginCookieNoLongerOpensTheSession() throws Exception {
        String preLogin = genuineSession(2);
        String[] newId = new String[1];

        String postLogin = harness.request(preLogin, (req, res) -> newId[0] = req.changeSessionId()).cookie()
                .orElseThrow();

        assertThat(postLogin).startsWith(newId[0] + ".");
        harness.request(preLogin, (req, res) -> assertThat(req.getSession(false)).isNull());
        harness.request(postLogin, (req, res) -> assertThat(increment(req)).isEqualTo(3));
        assertThat(harness.replication.store.keySet()).extracting(k -> k.id()).containsExactly(newId[0]);
    }

    @Test
    void theCookieIsHttpOnlyLaxByDefaultAndSecureExactlyOnSecureRequests() throws Exception {
        String plain = harness.request(null, (req, res) -> increment(req)).setCookieHeader();
        FakeHttp.Request overTls = harness.newRequest(null);
        overTls.secure = true;
        String secure = harness.send(overTls, (req, res) -> increment(req)).setCookieHeader();

        assertThat(plain).contains("; HttpOnly").contains("; SameSite=Lax").doesNotContain("Secure");
        assertThat(secure).contains("; HttpOnly").contains("; SameSite=Lax").contains("; Secure");
    }

    @Test
    void sameSiteIsConfigurableAndAnUnknownValueStopsTheFilterAtInit() throws Exception {
        FilterHarness strict = new FilterHarness();
        strict.initParameters.put("cookieSameSite", "Strict");
        strict.start();
        assertThat(strict.request(null, (req, res) -> increment(req)).setCookieHeader()).contains("; SameSite=Strict");
        strict.close();

        FilterHarness wrong = new FilterHarness();
        wrong.initParameters.put("cookieSameSite", "Lax; Domain=evil.example");
        assertThatThrownBy(wrong::start).hasMessageContaining("SameSite");
        wrong.close();
    }
}
