package dev.understudy.it.arquillian;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.jboss.arquillian.container.spi.Container;
import org.jboss.arquillian.container.spi.ContainerRegistry;
import org.jboss.arquillian.container.spi.event.container.BeforeDeploy;
import org.jboss.arquillian.core.api.Instance;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Empties the {@code --rootdir} named in the container's {@code extraMicroOptions} before each deployment
 * (the Payara Micro connector starts Micro at deployment time).
 *
 * <p>Why: Micro keeps its configuration in a reused rootdir <em>and redeploys every application an earlier
 * run left there</em> (seen on 6.2025.10: a second boot with {@code --deploy b.war} served a.war too). One
 * rootdir per test class would need a path unknown to the static arquillian.xml; emptying it keeps one
 * inspectable rootdir (the last class's) under {@code target/payara/}. Registered in
 * {@code META-INF/services/org.jboss.arquillian.core.spi.LoadableExtension}.
 */
public final class FreshPayaraRootDir implements LoadableExtension {
    private static final Logger LOG = Logger.getLogger(FreshPayaraRootDir.class.getName());

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(Observer.class);
    }

    /** The observer Arquillian instantiates (public, no-argument constructor). */
    public static final class Observer {
        @Inject
        private Instance<ContainerRegistry> registry;

        public void emptyRootDir(@Observes BeforeDeploy event) {
            for (Container<?> container : registry.get().getContainers()) {
                if (container.getDeployableContainer() == event.getDeployableContainer()) {
                    rootDir(container.getContainerConfiguration().getContainerProperties().get("extraMicroOptions"))
                            .ifPresent(Observer::empty);
                }
            }
        }

        private static void empty(Path rootDir) {
            if (!rootDir.isAbsolute() || rootDir.getNameCount() < 3) {
                throw new IllegalStateException("Refusing to empty a short or relative --rootdir: " + rootDir);
            }
            killLeftovers(rootDir);
            if (Files.exists(rootDir)) {
                LOG.info(() -> "Emptying the Payara Micro rootdir " + rootDir);
                try (Stream<Path> paths = Files.walk(rootDir)) {
                    List<Path> deepestFirst = paths.sorted(Comparator.reverseOrder()).toList();
                    for (Path path : deepestFirst) {
                        Files.delete(path);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot empty the Payara Micro rootdir " + rootDir, e);
                }
            }
        }
    }

    /**
     * A Micro still running on this rootdir was left by a test JVM that died without running its shutdown hooks
     * (the connector stops Micro from one): SIGKILL to it, found by its command line (this module's own rootdir
     * path), by PID.
     */
    private static void killLeftovers(Path rootDir) {
        String marker = "--rootdir " + rootDir;
        ProcessHandle.allProcesses()
                .filter(process -> process.pid() != ProcessHandle.current().pid())
                .filter(process -> process.info().commandLine().map(line -> line.contains(marker)).orElse(false))
                .forEach(process -> {
                    LOG.warning(() -> "SIGKILL to a Payara Micro left on " + rootDir + ": pid " + process.pid());
                    process.destroyForcibly();
                    process.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
                });
    }

    /** The value after {@code --rootdir} in {@code options} (split on spaces like the connector does). */
    static Optional<Path> rootDir(String options) {
        return option(options, "--rootdir").map(Path::of);
    }

    /** The word after {@code flag} in {@code options} (extraMicroOptions, split on spaces like the connector). */
    static Optional<String> option(String options, String flag) {
        if (options == null) {
            return Optional.empty();
        }
        String[] words = options.trim().split("\\s+");
        for (int i = 0; i < words.length - 1; i++) {
            if (words[i].equalsIgnoreCase(flag)) {
                return Optional.of(words[i + 1]);
            }
        }
        return Optional.empty();
    }
}
