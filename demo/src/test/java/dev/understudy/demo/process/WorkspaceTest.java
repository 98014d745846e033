package dev.understudy.demo.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTest {
    @Test
    void everyStartGetsAFreshDirectory(@TempDir Path root) {
        Workspace workspace = new Workspace(root.resolve("run"), root.resolve("pids"), false);

        Path first = workspace.newDirectory("node-1");
        Path second = workspace.newDirectory("node-1");

        assertThat(first).isDirectory().hasParent(root.resolve("run"));
        assertThat(second).isDirectory().isNotEqualTo(first);
        assertThat(first.getFileName().toString()).matches("node-1-\\d+");
    }

    @Test
    void commandsRunAsTheyAreUnlessASessionOfTheirOwnIsAsked(@TempDir Path root) {
        List<String> command = List.of("java", "-version");

        assertThat(new Workspace(root, root, false).launch(command)).isEqualTo(command);
        List<String> detached = new Workspace(root, root, true).launch(command);
        assertThat(detached).endsWith("java", "-version");
        assertThat(detached.size()).isIn(2, 3); // setsid first where it exists
    }

    @Test
    void aDetachedChildKeepsItsPid(@TempDir Path root) throws Exception {
        Workspace workspace = new Workspace(root, root, true);
        Process process = new ProcessBuilder(workspace.launch(List.of("sleep", "30"))).start();
        try {
            // setsid execs sleep in the same process: once it has (at once on a quiet machine, later on a busy
            // one), the PID we hold is sleep's
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(ProcessHandle.of(process.pid()).flatMap(handle -> handle.info().command()))
                            .hasValueSatisfying(command -> assertThat(command).endsWith("sleep")));
        } finally {
            process.destroyForcibly().waitFor();
        }
    }
}
