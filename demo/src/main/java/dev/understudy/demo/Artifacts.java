package dev.understudy.demo;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the demo deploys, at the paths the build puts them ({@code demo/target/artifacts/}, next to the jar):
 * Payara Micro, the resource adapter, the sample shop and the shipped post-boot file. Missing files are reported
 * together, with the command that builds them.
 *
 * @param directory {@code demo/target/artifacts}
 * @param payaraMicro {@code payara-micro.jar}
 * @param resourceAdapter {@code understudy-rar.rar}
 * @param war {@code sample.war}, or the {@code --war} file
 * @param postBootCommands {@code payara-micro/post-boot-commands.asadmin} (server-configs, copied by the build)
 */
public record Artifacts(Path directory, Path payaraMicro, Path resourceAdapter, Path war, Path postBootCommands) {
    /** The build command of the README, which makes every artifact. */
    public static final String BUILD = "mvn -B -ntp -q install -DskipTests -pl demo -am";

    /** The artifacts next to this class's jar (or {@code target/classes}), with {@code war} instead of the sample. */
    public static Artifacts locate(Optional<Path> war) {
        Path directory = home().resolve("artifacts");
        return new Artifacts(directory, directory.resolve("payara-micro.jar"), directory.resolve("understudy-rar.rar"),
                war.map(Path::toAbsolutePath).orElse(directory.resolve("sample.war")),
                directory.resolve("payara-micro").resolve("post-boot-commands.asadmin"));
    }

    /**
     * Throws a {@link DemoException} naming every missing file and how to build it; {@code warGiven}: the WAR came
     * from {@code --war}, which the build does not make.
     */
    public Artifacts requireAll(boolean warGiven) {
        if (warGiven && !Files.isRegularFile(war)) {
            throw new DemoException("--war names no file: " + war);
        }
        List<String> missing = new ArrayList<>();
        check(missing, payaraMicro, "Payara Micro");
        check(missing, resourceAdapter, "the Understudy resource adapter");
        check(missing, war, "the sample shop, ear-sample/shop-web");
        check(missing, postBootCommands, "the Payara Micro post-boot file of server-configs/payara-micro");
        if (!missing.isEmpty()) {
            throw new DemoException("Missing:\n" + String.join("\n", missing) + "\nBuild the demo and what it deploys"
                    + " from the repository's root with:\n    " + BUILD);
        }
        return this;
    }

    private static void check(List<String> missing, Path file, String what) {
        if (!Files.isRegularFile(file)) {
            missing.add("    " + file + " (" + what + ")");
        }
    }

    /** {@code demo/target}: the directory of the jar this class was loaded from, or of {@code target/classes}. */
    private static Path home() {
        try {
            Path location = Path.of(Artifacts.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return location.toAbsolutePath().getParent();
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of("demo", "target").toAbsolutePath();
        }
    }
}
