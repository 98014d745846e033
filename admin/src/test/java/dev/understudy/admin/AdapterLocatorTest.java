package dev.understudy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.api.ReplicationAdmin;
import dev.understudy.api.ReplicationConnection;
import dev.understudy.api.ReplicationConnectionFactory;
import dev.understudy.api.SessionEventListener;
import dev.understudy.api.SessionKind;
import java.util.Map;
import java.util.Optional;
import javax.naming.NameNotFoundException;
import org.junit.jupiter.api.Test;

/** Where the admin WAR finds the adapter: the application's name first, then the post-boot file's global one. */
class AdapterLocatorTest {
    private final FakeAdmin admin = new FakeAdmin();

    @Test
    void prefersTheApplicationsName() {
        AdapterLocator.Located found = locate(Map.of(AdapterLocator.APP_NAME, factory(admin),
                AdapterLocator.GLOBAL_NAME, factory(new FakeAdmin())));

        assertThat(found.found()).isTrue();
        assertThat(found.admin()).isSameAs(admin);
        assertThat(found.name()).isEqualTo("java:app/understudy/ReplicationConnectionFactory");
    }

    @Test
    void fallsBackToTheGlobalName() {
        AdapterLocator.Located found = locate(Map.of(AdapterLocator.GLOBAL_NAME, factory(admin)));

        assertThat(found.admin()).isSameAs(admin);
        assertThat(found.name()).isEqualTo("understudy/ReplicationConnectionFactory");
    }

    @Test
    void nothingBoundSaysWhereItLooked() {
        AdapterLocator.Located found = locate(Map.of());

        assertThat(found.found()).isFalse();
        assertThat(found.problem()).startsWith("no Understudy resource adapter found")
                .contains(AdapterLocator.APP_NAME, AdapterLocator.GLOBAL_NAME, "NameNotFoundException");
    }

    @Test
    void anObjectOfAnotherTypeIsNamed() {
        AdapterLocator.Located found = locate(Map.of(AdapterLocator.GLOBAL_NAME, "a string"));

        assertThat(found.found()).isFalse();
        assertThat(found.problem()).contains("java.lang.String", "WEB-INF/lib");
    }

    @Test
    void aFactoryWithoutAdministrationIsNotEnough() {
        AdapterLocator.Located found = locate(Map.of(AdapterLocator.GLOBAL_NAME, factory(null)));

        assertThat(found.found()).isFalse();
        assertThat(found.problem()).contains("offers no administration");
    }

    private static AdapterLocator.Located locate(Map<String, Object> bound) {
        return new AdapterLocator(name -> {
            Object value = bound.get(name);
            if (value == null) {
                throw new NameNotFoundException(name);
            }
            return value;
        }).locate();
    }

    static ReplicationConnectionFactory factory(ReplicationAdmin admin) {
        return new ReplicationConnectionFactory() {
            @Override
            public ReplicationConnection getConnection() {
                throw new UnsupportedOperationException();
            }

            @Override
            public void setSessionEventListener(SessionKind kind, String scope, SessionEventListener listener) {
            }

            @Override
            public void removeSessionEventListener(SessionKind kind, String scope) {
            }

            @Override
            public Optional<ReplicationAdmin> admin() {
                return Optional.ofNullable(admin);
            }
        };
    }
}
