package dev.understudy.it.server;

import jakarta.resource.spi.ConfigProperty;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The adapter's properties as the code declares them: the {@code @ConfigProperty} fields of
 * {@code UnderstudyResourceAdapter}, read from the very RAR the tests deploy (its jars unpacked into a directory and
 * loaded by a class loader of their own), as {@code rar/connector}'s {@code PropertyDocumentationTest} reads them.
 */
record AdapterProperties(List<Declared> all) {
    static final String ADAPTER_CLASS = "dev.understudy.connector.UnderstudyResourceAdapter";
    /** Required, without a default (rar/connector/README.md). */
    static final List<String> REQUIRED = List.of("nodeId", "routeSecret");

    /** One property: name, type (simple name), default ({@code ""} if none), confidential or not. */
    record Declared(String name, String type, String defaultValue, boolean confidential) {
    }

    /** The properties declared by the adapter class inside {@code rar}; its jars go to {@code workDirectory}. */
    static AdapterProperties of(Path rar, Path workDirectory) {
        List<URL> jars = new ArrayList<>();
        try (ZipFile zip = new ZipFile(rar.toFile())) {
            Files.createDirectories(workDirectory);
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (!entry.isDirectory() && entry.getName().endsWith(".jar") && !entry.getName().contains("/")) {
                    Path jar = workDirectory.resolve(entry.getName());
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, jar, StandardCopyOption.REPLACE_EXISTING);
                    }
                    jars.add(jar.toUri().toURL());
                }
            }
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + rar, e);
        }
        try (URLClassLoader loader = new URLClassLoader(jars.toArray(URL[]::new),
                AdapterProperties.class.getClassLoader())) {
            Class<?> adapter = Class.forName(ADAPTER_CLASS, false, loader);
            List<Declared> declared = new ArrayList<>();
            for (Field field : adapter.getDeclaredFields()) {
                ConfigProperty property = field.getAnnotation(ConfigProperty.class);
                if (property != null) {
                    declared.add(new Declared(field.getName(), field.getType().getSimpleName(),
                            property.defaultValue(), property.confidential()));
                }
            }
            if (declared.isEmpty()) {
                throw new IllegalStateException(ADAPTER_CLASS + " in " + rar + " declares no @ConfigProperty field");
            }
            return new AdapterProperties(List.copyOf(declared));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("No " + ADAPTER_CLASS + " in " + rar, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> names() {
        return all.stream().map(Declared::name).toList();
    }

    /**
     * The properties the shipped asadmin files configure: every one with a default, and the two required ones
     * without ({@code nodeId}, {@code routeSecret}). The others have no default and asadmin refuses empty values.
     */
    List<String> configuredByTheShippedFiles() {
        return all.stream().filter(p -> !p.defaultValue().isEmpty() || REQUIRED.contains(p.name()))
                .map(Declared::name).toList();
    }
}
