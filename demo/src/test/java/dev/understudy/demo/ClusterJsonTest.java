package dev.understudy.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.understudy.demo.client.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterJsonTest {
    private static final ClusterJson CLUSTER = new ClusterJson(List.of(
            new ClusterJson.Node("node-1", 101, "http://127.0.0.1:18081"),
            new ClusterJson.Node("node-2", 102, "http://127.0.0.1:18082")),
            "http://127.0.0.1:18080", "tcp://127.0.0.1:61716");

    @Test
    void hasTheDocumentedShape() {
        assertThat(CLUSTER.toJson()).isEqualTo("{\"nodes\":["
                + "{\"id\":\"node-1\",\"pid\":101,\"http\":\"http://127.0.0.1:18081\"},"
                + "{\"id\":\"node-2\",\"pid\":102,\"http\":\"http://127.0.0.1:18082\"}],"
                + "\"lb\":\"http://127.0.0.1:18080\",\"broker\":\"tcp://127.0.0.1:61716\"}\n");

        Map<String, Object> json = Json.parseObject(CLUSTER.toJson());
        assertThat(json).containsOnlyKeys("nodes", "lb", "broker");
        assertThat((List<?>) json.get("nodes")).first().isEqualTo(
                Map.of("id", "node-1", "pid", 101L, "http", "http://127.0.0.1:18081"));
    }

    @Test
    void readsBackWhatItWrote(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("target/cluster/cluster.json");

        CLUSTER.write(file);

        assertThat(ClusterJson.parse(Files.readString(file))).isEqualTo(CLUSTER);
        assertThat(directory.resolve("target/cluster")).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void rejectsOtherShapes() {
        assertThatThrownBy(() -> ClusterJson.parse("{\"lb\":\"x\"}")).hasMessageContaining("no nodes");
        assertThatThrownBy(() -> ClusterJson.parse("{\"nodes\":[{\"id\":\"a\"}]}")).hasMessageContaining("not a node");
        assertThatThrownBy(() -> ClusterJson.parse("[]")).hasMessageContaining("Not a JSON object");
    }

    @Test
    void theDefaultFileIsUnderTheWorkingDirectorysTarget() {
        assertThat(ClusterJson.DEFAULT_FILE).isEqualTo(Path.of("target", "cluster", "cluster.json"));
    }
}
