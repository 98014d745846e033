package dev.understudy.web;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
import java.io.Serializable;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Objects;

/**
 * Turns attribute values into the bytes the adapter stores and back, on the application's class loader.
 *
 * <p>Writing is plain {@link ObjectOutputStream}: a value that is not {@link Serializable} (itself or anything
 * it reaches), or that fails while writing, or whose bytes exceed the attribute limit, is refused with an
 * {@link IllegalArgumentException} naming the attribute — at {@code setAttribute}, so nothing stored is lost.
 * Reading resolves classes on the application's loader only, through an {@link ObjectInputFilter} (the
 * adapter's allow-list plus graph limits, see {@link DeserializationFilters}); anything that cannot be read
 * becomes an {@link UnreadableValueException}, which the session turns into a quarantine.
 *
 * <p>Model: Tomcat {@code ClusterManagerBase.getReplicationStream} with its
 * {@code sessionAttributeValueClassNameFilter}.
 */
final class AttributeMarshaller {

    /** The stored bytes of an attribute cannot become a value on this node (class gone or changed, refused). */
    static final class UnreadableValueException extends Exception {
        UnreadableValueException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final Map<String, Class<?>> PRIMITIVES = Map.of("boolean", boolean.class, "byte", byte.class,
            "char", char.class, "short", short.class, "int", int.class, "long", long.class, "float", float.class,
            "double", double.class, "void", void.class);

    private final ClassLoader loader;
    private final ObjectInputFilter filter;
    private final long maxAttributeBytes;

    /**
     * @param loader the application's class loader
     * @param filter what deserialization accepts
     * @param maxAttributeBytes the largest value accepted when writing; {@code <= 0}: no limit
     */
    AttributeMarshaller(ClassLoader loader, ObjectInputFilter filter, long maxAttributeBytes) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.filter = Objects.requireNonNull(filter, "filter");
        this.maxAttributeBytes = maxAttributeBytes;
    }

    /** The value's bytes; {@link IllegalArgumentException} naming {@code name} if it cannot be replicated. */
    byte[] marshal(String name, Object value) {
        if (!(value instanceof Serializable)) {
            throw new IllegalArgumentException("Session attribute '" + name + "' cannot be replicated: "
                    + (value == null ? "null" : value.getClass().getName()) + " is not Serializable");
        }
        BoundedBytes bytes = new BoundedBytes(maxAttributeBytes);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (TooLargeException e) {
            // ObjectOutputStream writes a failure into the stream before rethrowing it, which can overflow the
            // limit and hide the real cause: find it without a limit before calling the value too large
            Exception cause = failureWithoutLimit(value);
            if (cause != null) {
                throw refused(name, value, cause);
            }
            throw new IllegalArgumentException("Session attribute '" + name + "' is larger than the limit of "
                    + maxAttributeBytes + " bytes (maxAttributeBytes)", e);
        } catch (IOException | RuntimeException e) {
            throw refused(name, value, e);
        }
        return bytes.toByteArray();
    }

    /**
     * Refuses bytes stored as they are (a session entry) above the attribute limit, as {@link #marshal} refuses a
     * value, naming {@code description}.
     */
    void checkSize(String description, byte[] bytes) {
        if (maxAttributeBytes > 0 && bytes.length > maxAttributeBytes) {
            throw new IllegalArgumentException(description + " is " + bytes.length + " bytes, larger than the limit of "
                    + maxAttributeBytes + " bytes (maxAttributeBytes)");
        }
    }

    private static IllegalArgumentException refused(String name, Object value, Exception cause) {
        if (cause instanceof NotSerializableException) {
            return new IllegalArgumentException("Session attribute '" + name + "' cannot be replicated: it reaches "
                    + cause.getMessage() + ", which is not Serializable", cause);
        }
        return new IllegalArgumentException("Session attribute '" + name + "' cannot be replicated: serializing "
                + value.getClass().getName() + " failed: " + cause, cause);
    }

    /** Serializes into a sink that keeps nothing; the failure if any. */
    private static Exception failureWithoutLimit(Object value) {
        try (ObjectOutputStream out = new ObjectOutputStream(OutputStream.nullOutputStream())) {
            out.writeObject(value);
            return null;
        } catch (IOException | RuntimeException e) {
            return e;
        }
    }

    /** The value the bytes hold, read on the application's loader through the filter. */
    Object unmarshal(String name, byte[] bytes) throws UnreadableValueException {
        try (ObjectInputStream in = new ApplicationObjectInputStream(new ByteArrayInputStream(bytes), loader)) {
            in.setObjectInputFilter(filter);
            return in.readObject();
        } catch (ClassNotFoundException e) {
            throw new UnreadableValueException("class " + e.getMessage() + " not found", e);
        } catch (IOException | RuntimeException | LinkageError e) {
            throw new UnreadableValueException(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** Resolves every class on the application's loader, never on the loader of the filter's own jar. */
    private static final class ApplicationObjectInputStream extends ObjectInputStream {
        private final ClassLoader loader;

        ApplicationObjectInputStream(InputStream in, ClassLoader loader) throws IOException {
            super(in);
            this.loader = loader;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws ClassNotFoundException {
            try {
                return Class.forName(desc.getName(), false, loader);
            } catch (ClassNotFoundException e) {
                Class<?> primitive = PRIMITIVES.get(desc.getName());
                if (primitive != null) {
                    return primitive;
                }
                throw e;
            }
        }

        @Override
        protected Class<?> resolveProxyClass(String[] interfaceNames) throws ClassNotFoundException {
            Class<?>[] interfaces = new Class<?>[interfaceNames.length];
            for (int i = 0; i < interfaceNames.length; i++) {
                interfaces[i] = Class.forName(interfaceNames[i], false, loader);
            }
            try {
                return Proxy.newProxyInstance(loader, interfaces, (proxy, method, args) -> null).getClass();
            } catch (IllegalArgumentException e) {
                throw new ClassNotFoundException("proxy of " + String.join(", ", interfaceNames), e);
            }
        }
    }

    private static final class TooLargeException extends IOException {
        TooLargeException() {
            super("value too large");
        }
    }

    /** A byte buffer that stops the serialization as soon as the value outgrows the limit (no huge buffers). */
    private static final class BoundedBytes extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        private final long limit;

        BoundedBytes(long limit) {
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            check(1);
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            check(len);
            bytes.write(b, off, len);
        }

        private void check(int more) throws TooLargeException {
            if (limit > 0 && bytes.size() + (long) more > limit) {
                throw new TooLargeException();
            }
        }

        byte[] toByteArray() {
            return bytes.toByteArray();
        }
    }
}
