package dev.understudy.demo;

import dev.understudy.demo.client.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a running demo cluster is, for scripts and tests: {@code target/cluster/cluster.json},
 * <pre>{@code {"nodes":[{"id":"node-1","pid":1234,"http":"http://127.0.0.1:18081"},...],
 *  "lb":"http://127.0.0.1:18080","broker":"tcp://127.0.0.1:61716"}}</pre>
 * written once everything is ready, removed when the demo stops.
 *
 * @param nodes the Payara Micro nodes
 * @param lb the load balancer's URL
 * @param broker the broker's URL
 */
public record ClusterJson(List<Node> nodes, String lb, String broker) {
    /** Where the demo writes it, relative to its working directory. */
    public static final Path DEFAULT_FILE = Path.of("target", "cluster", "cluster.json");

    /** A node: its id, its PID, its HTTP base URL. */
    public record Node(String id, long pid, String http) {
    }

    public ClusterJson {
        nodes = List.copyOf(nodes);
    }

    /** The JSON text (one line, then a newline). */
    public String toJson() {
        List<Object> nodeList = new ArrayList<>();
        for (Node node : nodes) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", node.id());
            entry.put("pid", node.pid());
            entry.put("http", node.http());
            nodeList.add(entry);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("nodes", nodeList);
        root.put("lb", lb);
        root.put("broker", broker);
        return Json.write(root) + "\n";
    }

    /** Reads what {@link #toJson()} wrote; throws {@link IllegalArgumentException} if it is not that shape. */
    public static ClusterJson parse(String text) {
        Map<String, Object> root = Json.parseObject(text);
        if (!(root.get("nodes") instanceof List<?> list)) {
            throw new IllegalArgumentException("cluster.json has no nodes array");
        }
        List<Node> nodes = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> node) || !(node.get("pid") instanceof Long pid)) {
                throw new IllegalArgumentException("cluster.json: not a node: " + item);
            }
            nodes.add(new Node(String.valueOf(node.get("id")), pid, String.valueOf(node.get("http"))));
        }
        return new ClusterJson(nodes, String.valueOf(root.get("lb")), String.valueOf(root.get("broker")));
    }

    /** Writes {@code file} atomically (a reader never sees half of it), creating its directory. */
    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = parent.resolve(file.getFileName() + ".tmp");
        Files.writeString(temporary, toJson(), StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
