package dev.understudy.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.core.model.NodeId;
import dev.understudy.core.model.NodeInfo;
import dev.understudy.core.model.Topology;
import org.junit.jupiter.api.Test;

class NodeDirectoryTest {
    private static NodeInfo node(String id, long number) {
        return new NodeInfo(NodeId.of(id), number, Topology.UNKNOWN);
    }

    @Test
    void knowsItselfAndEveryNodeRecordedByIdAndByNumber() {
        NodeDirectory directory = new NodeDirectory(node("a", 11));
        directory.record(node("b", 22));
        assertThat(directory.numberOf(NodeId.of("a"))).hasValue(11);
        assertThat(directory.byNumber(22)).contains(NodeId.of("b"));
        assertThat(directory.numberOf(NodeId.of("c"))).isEmpty();
        assertThat(directory.byNumber(33)).isEmpty();
    }

    @Test
    void aRestartedNodeReplacesItsOldNumber() {
        NodeDirectory directory = new NodeDirectory(node("a", 11));
        directory.record(node("b", 22));
        directory.record(node("b", 23));
        assertThat(directory.numberOf(NodeId.of("b"))).hasValue(23);
        assertThat(directory.byNumber(22)).as("the old incarnation's number names nobody").isEmpty();
        assertThat(directory.byNumber(23)).contains(NodeId.of("b"));
    }

    @Test
    void isBoundedForgettingTheOldestFirst() {
        NodeDirectory directory = new NodeDirectory(node("self", 1));
        for (int i = 0; i < NodeDirectory.CAPACITY + 10; i++) {
            directory.record(node("n" + i, 1000 + i));
        }
        assertThat(directory.numberOf(NodeId.of("n0"))).isEmpty();
        assertThat(directory.byNumber(1000)).isEmpty();
        assertThat(directory.numberOf(NodeId.of("n" + (NodeDirectory.CAPACITY + 9)))).isPresent();
    }
}
