package dev.understudy.benchmarks.http;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import javax.management.Attribute;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The Understudy adapter of one Payara Micro process, through its MXBean
 * {@code dev.understudy:type=ResourceAdapter,node=<id>} (rar/connector/README.md), reached by the JDK's attach API
 * (same user, local only, no JMX port opened): the replication mode is switched at run time between the SYNC,
 * ASYNC and BATCH runs, and the engine's counters give the frames and bytes it sent.
 */
final class AdapterJmx implements AutoCloseable {
    private final JMXConnector connector;
    private final MBeanServerConnection server;
    private final ObjectName name;

    private AdapterJmx(JMXConnector connector, ObjectName name) throws IOException {
        this.connector = connector;
        this.server = connector.getMBeanServerConnection();
        this.name = name;
    }

    static AdapterJmx attach(long pid, String nodeId) {
        try {
            VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
            String address;
            try {
                address = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
            JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
            return new AdapterJmx(connector, new ObjectName("dev.understudy:type=ResourceAdapter,node=" + nodeId));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot reach the Understudy MXBean of node " + nodeId + " (pid " + pid
                    + ") through the attach API: " + e, e);
        }
    }

    void setMode(String mode) {
        try {
            server.setAttribute(name, new Attribute("Mode", mode));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot set the mode " + mode + " on " + name + ": " + e, e);
        }
    }

    String mode() {
        try {
            return (String) server.getAttribute(name, "Mode");
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the mode of " + name + ": " + e, e);
        }
    }

    /** The engine's counters (name → value). */
    Map<String, Long> counters() {
        try {
            TabularData table = (TabularData) server.getAttribute(name, "Counters");
            Map<String, Long> counters = new HashMap<>();
            for (Object row : table.values()) {
                CompositeData data = (CompositeData) row;
                counters.put((String) data.get("key"), (Long) data.get("value"));
            }
            return counters;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the counters of " + name + ": " + e, e);
        }
    }

    @Override
    public void close() {
        try {
            connector.close();
        } catch (IOException e) {
            // the process may be gone already
        }
    }
}
