package dev.understudy.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.understudy.web.SessionAttributes.Delta;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Dirty tracking: only real changes travel, in-place mutation included; quarantine keeps the rest working; the
 * interceptors' entries are raw bytes beside the attributes, hidden from the application.
 */
class SessionAttributesTest {

    /** Bytes no {@code ObjectInputStream} reads: an entry holding them shows that entries are never deserialized. */
    private static final byte[] RAW = {1, 2, 3};

    private static final String ALLOW = "java.base/*;dev.understudy.web.**;!*";

    private final AttributeMarshaller marshaller = new AttributeMarshaller(getClass().getClassLoader(),
            new DeserializationFilters(100, 10_000, Logger.getLogger("test")).get(ALLOW, 64 * 1024), 64 * 1024);
    private final List<String> problems = new ArrayList<>();
    private final SessionAttributes.Problems recorder = new SessionAttributes.Problems() {
        @Override
        public void quarantined(String name, String reason, Throwable cause) {
            problems.add("quarantined " + name);
        }

        @Override
        public void notReplicable(String name, RuntimeException cause) {
            problems.add("notReplicable " + name);
        }
    };

    private SessionAttributes attributes(Map<String, Object> values) {
        Map<String, byte[]> stored = new LinkedHashMap<>();
        values.forEach((name, value) -> stored.put(name, value instanceof byte[] ? (byte[]) value
                : marshaller.marshal(name, value)));
        return attributes(stored, 0);
    }

    private SessionAttributes attributes(Map<String, byte[]> stored, long maxSessionBytes) {
        return new SessionAttributes(stored, marshaller, new Immutability(Set.of()), maxSessionBytes, recorder);
    }

    /** Commits and returns what travelled. */
    private static Delta commit(SessionAttributes attributes) {
        return attributes.commit(delta -> delta);
    }

    @Test
    void aRequestThatOnlyReadsImmutablesSendsNothing() {
        SessionAttributes attributes = attributes(Map.of("user", "ann", "count", 3));

        assertThat(attributes.get("user")).isEqualTo("ann");
        assertThat(attributes.get("count")).isEqualTo(3);

        assertThat(commit(attributes).isEmpty()).isTrue();
    }

    @Test
    void setMarksDirtyOnceAndTheNextCommitIsEmpty() {
        SessionAttributes attributes = attributes(Map.of("count", 3));

        attributes.set("count", 4);

        assertThat(commit(attributes).set()).containsOnlyKeys("count");
        assertThat(commit(attributes).isEmpty()).isTrue();
    }

    @Test
    void settingAnEqualValueSendsNothing() {
        SessionAttributes attributes = attributes(Map.of("count", 3));

        attributes.set("count", 3);

        assertThat(commit(attributes).isEmpty()).isTrue();
    }

    @Test
    void aMutableValueChangedInPlaceTravelsWithoutSetAttribute() throws Exception {
        SessionAttributes attributes = attributes(Map.of("cart", new ArrayList<>(List.of("apple"))));

        @SuppressWarnings("unchecked")
        List<String> cart = (List<String>) attributes.get("cart");
        cart.add("pear");

        Delta delta = commit(attributes);
        assertThat(delta.set()).containsOnlyKeys("cart");
        assertThat(marshaller.unmarshal("cart", delta.set().get("cart"))).isEqualTo(List.of("apple", "pear"));
    }

    @Test
    void aMutableValueReadButUnchangedDoesNotTravel() {
        SessionAttributes attributes = attributes(Map.of("cart", new ArrayList<>(List.of("apple"))));

        attributes.get("cart");

        assertThat(commit(attributes).isEmpty()).isTrue();
    }

    @Test
    void aValueChangedAfterSetTravelsWithItsLatestState() throws Exception {
        SessionAttributes attributes = attributes(Map.of());
        List<String> cart = new ArrayList<>();
        attributes.set("cart", cart);
        cart.add("plum");

        assertThat(marshaller.unmarshal("cart", commit(attributes).set().get("cart"))).isEqualTo(List.of("plum"));
    }

    @Test
    void removalsTravelOnlyForStoredNames() {
        SessionAttributes attributes = attributes(Map.of("a", "1", "b", "2"));

        attributes.remove("a");
        attributes.set("fresh", "x");
        attributes.remove("fresh");
        attributes.remove("b");
        attributes.set("b", "3");

        Delta delta = commit(attributes);
        assertThat(delta.removed()).containsExactly("a");
        assertThat(delta.set()).containsOnlyKeys("b");
        assertThat(attributes.names()).containsExactly("b");
    }

    @Test
    void valuesAreDeserializedOnlyWhenRead() {
        SessionAttributes attributes = attributes(Map.of("good", "1", "bad", new byte[] {1, 2, 3}));

        assertThat(attributes.get("good")).isEqualTo("1");
        assertThat(problems).isEmpty();
    }

    @Test
    void theNamesNeverListAValueThatCannotBeRead() {
        SessionAttributes attributes = attributes(Map.of("good", "1", "bad", new byte[] {1, 2, 3}));

        assertThat(attributes.names()).containsExactly("good");
        assertThat(problems).containsExactly("quarantined bad");
        assertThat(attributes.get("bad")).isNull();
        assertThat(problems).as("reported once").hasSize(1);
    }

    @Test
    void anUnreadableValueIsQuarantinedAndTheRestWorks() {
        SessionAttributes attributes = attributes(Map.of("good", "1", "bad", new byte[] {1, 2, 3}));

        assertThat(attributes.get("bad")).isNull();
        assertThat(attributes.get("bad")).isNull();

        assertThat(problems).containsExactly("quarantined bad");
        assertThat(attributes.names()).containsExactly("good");
        assertThat(attributes.get("good")).isEqualTo("1");
        assertThat(commit(attributes).isEmpty()).as("the stored bytes are kept, not removed").isTrue();
    }

    @Test
    void aQuarantinedNameCanBeReplacedOrRemoved() {
        SessionAttributes replaced = attributes(Map.of("bad", new byte[] {1, 2, 3}));
        replaced.get("bad");
        assertThat(replaced.set("bad", "new")).as("no previous value to report").isNull();
        assertThat(commit(replaced).set()).containsOnlyKeys("bad");

        SessionAttributes removed = attributes(Map.of("bad", new byte[] {1, 2, 3}));
        removed.get("bad");
        assertThat(removed.remove("bad")).isNull();
        assertThat(commit(removed).removed()).containsExactly("bad");
    }

    @Test
    void aValueMutatedIntoSomethingUnserializableIsReportedAndNotSent() {
        SessionAttributes attributes = attributes(Map.of("holder", new TestValues.Holder("ok")));

        ((TestValues.Holder) attributes.get("holder")).inner = new TestValues.NotSerializable();

        assertThat(commit(attributes).isEmpty()).isTrue();
        assertThat(problems).containsExactly("notReplicable holder");
    }

    @Test
    void anUnserializableValueIsRefusedAtSetAndNothingChanges() {
        SessionAttributes attributes = attributes(Map.of("x", "kept"));

        assertThatThrownBy(() -> attributes.set("x", new TestValues.NotSerializable()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'x'");

        assertThat(attributes.get("x")).isEqualTo("kept");
        assertThat(commit(attributes).isEmpty()).isTrue();
    }

    @Test
    void theSessionLimitIsCheckedAtSet() {
        Map<String, byte[]> stored = new LinkedHashMap<>();
        stored.put("a", marshaller.marshal("a", new byte[400]));
        SessionAttributes attributes = attributes(stored, 1000);

        attributes.set("b", new byte[100]);
        assertThatThrownBy(() -> attributes.set("c", new byte[500]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxSessionBytes");
        attributes.set("a", new byte[10]);
        attributes.set("c", new byte[500]);
    }

    @Test
    void aFailedSendLeavesEverythingDirtyForTheNextCommitPoint() {
        SessionAttributes attributes = attributes(Map.of("count", 1));
        attributes.set("count", 2);
        attributes.remove("count");

        assertThatThrownBy(() -> attributes.commit(delta -> {
            throw new IllegalStateException("replication failed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(commit(attributes).removed()).containsExactly("count");
    }

    @Test
    void aSnapshotHoldsEverythingAndClearsDirtiness() throws Exception {
        SessionAttributes attributes = attributes(Map.of());
        List<String> cart = new ArrayList<>(List.of("fig"));
        attributes.set("cart", cart);
        attributes.set("user", "bob");

        Map<String, byte[]> all = attributes.snapshot(state -> state);

        assertThat(all).containsOnlyKeys("cart", "user");
        assertThat(marshaller.unmarshal("cart", all.get("cart"))).isEqualTo(cart);
        assertThat(commit(attributes).isEmpty()).isTrue();
        cart.add("kiwi");
        assertThat(commit(attributes).set()).containsOnlyKeys("cart");
    }

    private static String entry(String name) {
        return SessionAttributes.ENTRY_PREFIX + name;
    }

    @Test
    void entriesAreInvisibleToTheApplicationAndNeverDeserialized() {
        SessionAttributes attributes = attributes(Map.of("user", "ann", entry("bean"), RAW));
        attributes.putEntry("other", RAW);

        assertThat(attributes.names()).containsExactly("user");
        assertThat(attributes.get(entry("bean"))).isNull();
        assertThat(attributes.get(entry("other"))).isNull();
        assertThat(attributes.materializeAll()).containsOnlyKeys("user");
        assertThat(problems).isEmpty();
        assertThat(attributes.entry("bean")).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(RAW));
    }

    @Test
    void theApplicationCannotSetOrRemoveAReservedName() {
        SessionAttributes attributes = attributes(Map.of(entry("bean"), RAW));

        assertThatThrownBy(() -> attributes.set(entry("bean"), "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reserved");
        assertThatThrownBy(() -> attributes.set(entry("bean"), null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> attributes.remove(entry("bean"))).isInstanceOf(IllegalArgumentException.class);

        assertThat(attributes.entry("bean")).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(RAW));
        assertThat(commit(attributes).isEmpty()).isTrue();
    }

    @Test
    void anEntryAboveTheAttributeLimitIsRefusedAndNothingChanges() {
        SessionAttributes attributes = attributes(Map.of(entry("bean"), RAW));

        assertThatThrownBy(() -> attributes.putEntry("bean", new byte[64 * 1024 + 1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'bean'")
                .hasMessageContaining("maxAttributeBytes");

        assertThat(attributes.entry("bean")).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(RAW));
        assertThat(commit(attributes).isEmpty()).isTrue();
        attributes.putEntry("bean", new byte[64 * 1024]);
    }

    @Test
    void entriesCountTowardsTheSessionLimitLikeAttributes() {
        Map<String, byte[]> stored = new LinkedHashMap<>();
        stored.put("a", new byte[400]);
        SessionAttributes attributes = attributes(stored, 1000);

        attributes.putEntry("x", new byte[500]);
        assertThatThrownBy(() -> attributes.putEntry("y", new byte[100]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'y'")
                .hasMessageContaining("maxSessionBytes");
        assertThatThrownBy(() -> attributes.set("b", new byte[100]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxSessionBytes");

        assertThat(attributes.entries("")).containsOnlyKeys("x");
        assertThat(commit(attributes).set()).containsOnlyKeys(entry("x"));
        attributes.putEntry("x", new byte[10]);
        attributes.putEntry("y", new byte[100]);
    }

    @Test
    void onlyEntriesWhoseBytesChangedTravelAndRemovalsToo() {
        SessionAttributes attributes = attributes(Map.of(entry("same"), RAW, entry("changed"), RAW,
                entry("gone"), RAW));

        attributes.putEntry("same", RAW.clone());
        attributes.putEntry("changed", new byte[] {4});
        attributes.putEntry("new", new byte[] {5});
        attributes.removeEntry("gone");
        attributes.removeEntry("absent");

        Delta delta = commit(attributes);
        assertThat(delta.set()).containsOnlyKeys(entry("changed"), entry("new"));
        assertThat(delta.set().get(entry("changed"))).isEqualTo(new byte[] {4});
        assertThat(delta.removed()).containsExactly(entry("gone"));
        assertThat(commit(attributes).isEmpty()).isTrue();
        assertThat(attributes.entries("")).containsOnlyKeys("same", "changed", "new");
    }

    @Test
    void anEntryRemovedThenPutBackUnchangedSendsNothing() {
        SessionAttributes attributes = attributes(Map.of(entry("bean"), RAW));

        attributes.removeEntry("bean");
        attributes.putEntry("bean", RAW.clone());

        assertThat(commit(attributes).isEmpty()).isTrue();
    }

    @Test
    void aSnapshotHoldsTheEntries() {
        SessionAttributes attributes = attributes(Map.of());
        attributes.set("user", "bob");
        attributes.putEntry("bean", RAW);
        attributes.putEntry("dropped", RAW);
        attributes.removeEntry("dropped");

        Map<String, byte[]> all = attributes.snapshot(state -> state);

        assertThat(all).containsOnlyKeys("user", entry("bean"));
        assertThat(all.get(entry("bean"))).isEqualTo(RAW);
        assertThat(commit(attributes).isEmpty()).isTrue();
    }

    @Test
    void entriesAreReadByPrefixAsCopies() {
        SessionAttributes attributes = attributes(Map.of(entry("cart.1"), RAW, entry("cart.2"), new byte[] {6},
                entry("user.1"), RAW, "cart.3", "an attribute"));
        byte[] put = {7};
        attributes.putEntry("cart.4", put);
        put[0] = 8;

        Map<String, byte[]> carts = attributes.entries("cart.");
        assertThat(carts).containsOnlyKeys("cart.1", "cart.2", "cart.4");
        assertThat(carts.get("cart.4")).isEqualTo(new byte[] {7});
        carts.get("cart.1")[0] = 9;
        attributes.entry("cart.2").orElseThrow()[0] = 9;

        assertThat(attributes.entry("cart.1")).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(RAW));
        assertThat(attributes.entry("cart.2")).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(new byte[] {6}));
        assertThat(attributes.entry("cart.3")).isEmpty();
        assertThat(commit(attributes).set()).containsOnlyKeys(entry("cart.4"));
    }

    @Test
    void immutablesIncludeEnumsTimeAndConfiguredClasses() {
        Immutability immutability = new Immutability(Set.of(TestValues.Holder.class.getName()));

        assertThat(immutability.test("s")).isTrue();
        assertThat(immutability.test(java.time.Instant.EPOCH)).isTrue();
        assertThat(immutability.test(java.time.ZoneId.of("Europe/Paris"))).isTrue();
        assertThat(immutability.test(java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(immutability.test(new TestValues.Holder(null))).isTrue();
        assertThat(immutability.test(new ArrayList<>())).isFalse();
        assertThat(immutability.test(new java.util.Date())).isFalse();
    }
}
