package dev.understudy.benchmarks.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The competitors' WARs, made from the sample's own {@code sample.war} so that every configuration runs the very same
 * servlets: {@code plain.war} is the sample without the Understudy web filter (nothing replicated, sessions sticky);
 * {@code hz.war} is the same plus a {@code web.xml} with {@code <distributable/>}, which Payara Micro in a cluster
 * replicates through its Hazelcast (NOTES-PAYARA "Payara's own HA"), and which the WildFly pair deploys as
 * {@code wf.war} ({@link WildFlyPair}: Infinispan). Payara Micro deploys each at the context root of its file name
 * ({@code /plain}, {@code /hz}); the sample stays at {@code /sample}; WildFly's copy is at {@code /wf}.
 */
final class WarVariants {
    static final String FILTER_JAR_PREFIX = "WEB-INF/lib/understudy-web-filter";
    static final String DISTRIBUTABLE_WEB_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee"
                     xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                     xsi:schemaLocation="https://jakarta.ee/xml/ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/web-app_6_0.xsd"
                     version="6.0">
              <!-- the container's own session replication (Payara: Hazelcast; WildFly: Infinispan), for the
                   benchmark's comparison -->
              <distributable/>
            </web-app>
            """;

    private WarVariants() {
    }

    /** Writes {@code plain.war} into {@code directory} and returns it. */
    static Path plain(Path sampleWar, Path directory) {
        return rewrite(sampleWar, directory.resolve("plain.war"), false);
    }

    /** Writes {@code hz.war} into {@code directory} and returns it. */
    static Path distributable(Path sampleWar, Path directory) {
        return rewrite(sampleWar, directory.resolve("hz.war"), true);
    }

    private static Path rewrite(Path source, Path target, boolean distributable) {
        boolean filterFound = false;
        try {
            Files.createDirectories(target.getParent());
            try (ZipFile war = new ZipFile(source.toFile());
                    OutputStream file = Files.newOutputStream(target);
                    ZipOutputStream out = new ZipOutputStream(file)) {
                Enumeration<? extends ZipEntry> entries = war.entries();
                while (entries.hasMoreElements()) {
                    ZipEntry entry = entries.nextElement();
                    if (entry.getName().startsWith(FILTER_JAR_PREFIX)) {
                        filterFound = true;
                        continue;
                    }
                    if (entry.getName().equals("WEB-INF/web.xml")) {
                        throw new IllegalStateException(source + " has a web.xml: merge <distributable/> by hand");
                    }
                    out.putNextEntry(new ZipEntry(entry.getName()));
                    try (InputStream in = war.getInputStream(entry)) {
                        in.transferTo(out);
                    }
                    out.closeEntry();
                }
                if (distributable) {
                    out.putNextEntry(new ZipEntry("WEB-INF/web.xml"));
                    out.write(DISTRIBUTABLE_WEB_XML.getBytes(StandardCharsets.UTF_8));
                    out.closeEntry();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target + " from " + source, e);
        }
        if (!filterFound) {
            throw new IllegalStateException(source + " holds no " + FILTER_JAR_PREFIX + "*.jar: not the sample WAR?");
        }
        return target;
    }
}
