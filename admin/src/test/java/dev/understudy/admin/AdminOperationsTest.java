package dev.understudy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.api.ReplicationMode;
import dev.understudy.api.SessionKey;
import dev.understudy.demo.client.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The REST rules: 200 with the settings in force after a change; 400 naming the setting, with the adapter's message
 * and the settings that stay; 503 without an adapter or when it cannot act; explain 200 / 404 / 400.
 */
class AdminOperationsTest {
    private static final String USER = "user ops";

    private FakeAdmin admin = new FakeAdmin();
    private final StatusCache cache = new StatusCache(() -> admin == null
            ? AdapterLocator.Located.missing("no Understudy resource adapter found (nothing bound)")
            : new AdapterLocator.Located(admin, AdapterLocator.GLOBAL_NAME, null), System::nanoTime);
    private final History history = new History();
    private final AdminOperations operations = new AdminOperations(cache, history);

    @Test
    void statusIsTheNodeStatus() {
        Reply reply = operations.status();

        assertThat(reply.status()).isEqualTo(200);
        assertThat(json(reply)).containsEntry("ready", true).containsKey("counters");
    }

    @Test
    void noAdapterIs503WithTheReason() {
        admin = null;

        assertThat(operations.status().status()).isEqualTo(503);
        assertThat(json(operations.status()).get("error")).asString().startsWith("no Understudy resource adapter");
        assertThat(operations.settings().status()).isEqualTo(503);
        assertThat(operations.setMode("ASYNC", USER).status()).isEqualTo(503);
        assertThat(operations.explain("WEB", "/sample", "abc").status()).isEqualTo(503);
    }

    @Test
    void anAdapterThatCannotActIs503() {
        admin.failWith(FakeAdmin.stopped());

        Reply reply = operations.setMode("ASYNC", USER);

        assertThat(reply.status()).isEqualTo(503);
        assertThat(json(reply).get("error")).asString().contains("not started");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"ASYNC|ASYNC", "batch|BATCH", " sync |SYNC", "\"ASYNC\"|ASYNC",
        "{\"mode\": \"BATCH\"}|BATCH", "mode=async|ASYNC"})
    void modeFromQueryOrBody(String given, String expected) {
        Reply reply = operations.setMode(given, USER);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(json(reply)).containsEntry("changed", "mode");
        assertThat(settings(reply)).containsEntry("mode", expected);
        assertThat(admin.settings.mode()).isEqualTo(ReplicationMode.valueOf(expected));
    }

    @Test
    void anUnknownModeIsRefusedAndTheOldStays() {
        admin.setMode(ReplicationMode.ASYNC);

        Reply reply = operations.setMode("FAST", USER);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(json(reply)).containsEntry("setting", "mode")
                .containsEntry("error", "mode must be one of [SYNC, ASYNC, BATCH], was \"FAST\"; it stays ASYNC");
        assertThat(settings(reply)).containsEntry("mode", "ASYNC");
        assertThat(admin.settings.mode()).isEqualTo(ReplicationMode.ASYNC);
        assertThat(operations.setMode(null, USER).status()).isEqualTo(400);
        assertThat(operations.setMode("", USER).status()).isEqualTo(400);
    }

    @Test
    void batchingBothOrOneBound() {
        assertThat(settings(operations.setBatching("256", "5", USER))).containsEntry("batchSize", 256L)
                .containsEntry("batchDelayMillis", 5L);
        assertThat(settings(operations.setBatching("32", null, USER))).containsEntry("batchSize", 32L)
                .containsEntry("batchDelayMillis", 5L);
        assertThat(settings(operations.setBatching(" ", "40", USER))).containsEntry("batchSize", 32L)
                .containsEntry("batchDelayMillis", 40L);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "-1|20|batchSize must be in [1, 100000], was -1; batching stays 64 messages / 20 ms",
        "0|20|batchSize must be in [1, 100000], was 0; batching stays 64 messages / 20 ms",
        "4294967297|20|batchSize must be in [1, 100000], was 4294967297; batching stays 64 messages / 20 ms",
        "64|0|batchDelayMillis must be in [1, 60000], was 0; batching stays 64 messages / 20 ms",
        "many|20|batchSize must be a whole number, was \"many\"; batching stays 64 messages / 20 ms",
        "null|null|batching needs size or delayMillis (or both); batching stays 64 messages / 20 ms"})
    void badBatchingIsRefusedAndTheOldStays(String size, String delay, String message) {
        Reply reply = operations.setBatching(size, delay, USER);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(json(reply)).containsEntry("setting", "batching").containsEntry("error", message);
        assertThat(settings(reply)).containsEntry("batchSize", 64L).containsEntry("batchDelayMillis", 20L);
        assertThat(admin.settings.batchSize()).isEqualTo(64);
    }

    @Test
    void pairingToALiveMemberThenCleared() {
        assertThat(settings(operations.setPairing("b", USER))).containsEntry("preferredSecondary", "b");
        assertThat(settings(operations.setPairing("", USER))).containsEntry("preferredSecondary", null);
        assertThat(settings(operations.setPairing(null, USER))).containsEntry("preferredSecondary", null);
        assertThat(admin.calls).containsExactly("setPreferredSecondary b", "setPreferredSecondary null",
                "setPreferredSecondary null");
    }

    @Test
    void pairingToAnUnknownNodeIsRefusedAndTheOldStays() {
        operations.setPairing("b", USER);

        Reply reply = operations.setPairing("node-z", USER);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(json(reply)).containsEntry("setting", "preferredSecondary");
        assertThat(json(reply).get("error")).asString().startsWith("preferredSecondary must be a live member")
                .endsWith("it stays b");
        assertThat(settings(reply)).containsEntry("preferredSecondary", "b");
    }

    @Test
    void logLevel() {
        assertThat(settings(operations.setLogLevel("fine", USER))).containsEntry("logLevel", "FINE");
        Reply refused = operations.setLogLevel("LOUD", USER);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(json(refused)).containsEntry("setting", "logLevel");
        assertThat(settings(refused)).containsEntry("logLevel", "FINE");
    }

    @Test
    void aChangeShowsInTheNextStatus() {
        operations.status();

        operations.setMode("BATCH", USER);

        assertThat(json(operations.status()).get("settings")).asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("mode", "BATCH");
    }

    @Test
    void explainASessionThisNodeServes() {
        admin.explanations.put(SessionKey.web("/sample", "s1"), "b: other zone, least loaded; candidates [b]");

        Reply reply = operations.explain(null, "/sample", "s1");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(json(reply)).containsExactly(Map.entry("kind", "WEB"), Map.entry("scope", "/sample"),
                Map.entry("session", "s1"), Map.entry("explanation", "b: other zone, least loaded; candidates [b]"));
    }

    @Test
    void explainWhatThisNodeDoesNotServeOrCannotParse() {
        assertThat(operations.explain("web", "/sample", "unknown").status()).isEqualTo(404);
        assertThat(json(operations.explain("WEB", "/sample", "unknown")).get("error")).asString()
                .contains("not the primary");
        assertThat(operations.explain("FILE", "/sample", "s1").status()).isEqualTo(400);
        assertThat(operations.explain("WEB", "", "s1").status()).isEqualTo(400);
        assertThat(operations.explain("WEB", "/sample", null).status()).isEqualTo(400);
        Reply invalid = operations.explain("EJB", "/sample", "not an id!");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(json(invalid).get("error")).asString().contains("Invalid session id");
    }

    private static Map<String, Object> json(Reply reply) {
        return Json.parseObject(reply.json());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> settings(Reply reply) {
        assertThat(reply.status()).as(reply.json()).isIn(200, 400);
        return (Map<String, Object>) json(reply).get("settings");
    }
}
