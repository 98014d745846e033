package dev.understudy.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.understudy.api.ReplicationConnectionFactory;
import dev.understudy.api.ReplicationException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.TransactionSupport.TransactionSupportLevel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/** The managed connection factory as a JavaBean: equality on its configuration, association, no transactions. */
class ManagedConnectionFactoryTest {

    private static UnderstudyManagedConnectionFactory factory(Boolean allowDegraded) {
        UnderstudyManagedConnectionFactory f = new UnderstudyManagedConnectionFactory();
        f.setAllowDegraded(allowDegraded);
        return f;
    }

    @Test
    void equalsAndHashCodeFollowTheConfigurationOnly() throws Exception {
        UnderstudyManagedConnectionFactory plain = factory(true);
        UnderstudyManagedConnectionFactory sameButAssociated = factory(true);
        sameButAssociated.setResourceAdapter(new UnderstudyResourceAdapter());
        UnderstudyManagedConnectionFactory unset = factory(null);
        UnderstudyManagedConnectionFactory strict = factory(false);

        assertThat(plain).isEqualTo(sameButAssociated).isEqualTo(unset).hasSameHashCodeAs(sameButAssociated)
                .hasSameHashCodeAs(unset);
        assertThat(plain).isNotEqualTo(strict).isNotEqualTo(null).isNotEqualTo("factory");
        assertThat(plain.hashCode()).isNotEqualTo(strict.hashCode());
        assertThat(new UnderstudyManagedConnectionFactory().getAllowDegraded()).isTrue();
    }

    @Test
    void itSerializesWithItsConfigurationButNotItsAdapter() throws Exception {
        UnderstudyManagedConnectionFactory strict = factory(false);
        strict.setResourceAdapter(new UnderstudyResourceAdapter());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(strict);
        }
        Object copy = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())).readObject();

        assertThat(copy).isEqualTo(strict);
        assertThat(((UnderstudyManagedConnectionFactory) copy).getResourceAdapter()).isNull();
    }

    @Test
    void itBelongsToOneUnderstudyAdapterAndNeedsItRunning() throws Exception {
        UnderstudyManagedConnectionFactory f = factory(true);
        assertThatThrownBy(() -> f.createManagedConnection(null, null)).isInstanceOf(ResourceException.class)
                .hasMessageContaining("not associated");
        ResourceAdapter other = (ResourceAdapter) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ResourceAdapter.class}, (p, m, a) -> null);
        assertThatThrownBy(() -> f.setResourceAdapter(other)).isInstanceOf(ResourceException.class);

        UnderstudyResourceAdapter adapter = new UnderstudyResourceAdapter();
        f.setResourceAdapter(adapter);
        f.setResourceAdapter(adapter);
        assertThatThrownBy(() -> f.setResourceAdapter(new UnderstudyResourceAdapter()))
                .isInstanceOf(IllegalStateException.class);
        assertThat(f.getResourceAdapter()).isSameAs(adapter);
        assertThatThrownBy(() -> f.createManagedConnection(null, null)).isInstanceOf(ResourceException.class)
                .hasMessageContaining("not started");
        assertThat(f.getTransactionSupport()).isEqualTo(TransactionSupportLevel.NoTransaction);
    }

    @Test
    void theConnectionFactoryReportsAStoppedAdapterAsAReplicationException() throws Exception {
        UnderstudyManagedConnectionFactory f = factory(true);
        f.setResourceAdapter(new UnderstudyResourceAdapter());
        ReplicationConnectionFactory cf = (ReplicationConnectionFactory) f.createConnectionFactory();

        assertThatThrownBy(cf::getConnection).isInstanceOf(ReplicationException.class)
                .hasMessageContaining("not started");
        assertThat(cf).isInstanceOf(java.io.Serializable.class).isInstanceOf(jakarta.resource.Referenceable.class);
    }
}
