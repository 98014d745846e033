package dev.understudy.ejb;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A field value to bytes and back: Java serialization written with the application's classes, read through an
 * {@link ObjectInputFilter} — graph limits ({@value #LIMITS}; no array longer than the value has bytes, so a forged
 * array length is refused before anything is allocated) followed by the adapter's class-name allow-list —
 * resolving classes with the bean's class loader (the resource adapter cannot see application classes).
 */
final class FieldCodec {
    static final String LIMITS = "maxdepth=100;maxrefs=100000";
    private static final Map<String, ObjectInputFilter> FILTERS = new ConcurrentHashMap<>();

    /** A value that cannot be turned into bytes; names the class at fault. */
    static final class NotSerializable extends Exception {
        private static final long serialVersionUID = 1L;

        NotSerializable(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    /** Bytes that cannot be turned back into a value here (class gone, changed or refused). */
    static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    private FieldCodec() {
    }

    static byte[] write(Object value) throws NotSerializable {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (NotSerializableException e) {
            throw new NotSerializable("class " + e.getMessage() + " is not Serializable", e);
        } catch (IOException | RuntimeException e) {
            throw new NotSerializable(e.toString(), e);
        }
        return bytes.toByteArray();
    }

    /**
     * @param allowList the adapter's patterns ({@link ObjectInputFilter.Config#createFilter} syntax); blank: limits
     *                  only
     */
    static Object read(byte[] bytes, ClassLoader loader, String allowList) throws Unreadable {
        ObjectInputFilter patterns;
        try {
            patterns = FILTERS.computeIfAbsent(allowList == null ? "" : allowList.trim(),
                    p -> ObjectInputFilter.Config.createFilter(p.isEmpty() ? LIMITS : LIMITS + ";" + p));
        } catch (IllegalArgumentException e) {
            throw new Unreadable("invalid deserialization filter " + allowList + ": " + e.getMessage(), e);
        }
        long maxArray = bytes.length;
        ObjectInputFilter filter = info -> info.arrayLength() > maxArray ? ObjectInputFilter.Status.REJECTED
                : patterns.checkInput(info);
        try (ObjectInputStream in = new LoaderObjectInputStream(new ByteArrayInputStream(bytes), loader)) {
            in.setObjectInputFilter(filter);
            return in.readObject();
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            throw new Unreadable(e.toString(), e);
        }
    }

    private static final class LoaderObjectInputStream extends ObjectInputStream {
        private final ClassLoader loader;

        LoaderObjectInputStream(InputStream in, ClassLoader loader) throws IOException {
            super(in);
            this.loader = loader;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            try {
                return Class.forName(desc.getName(), false, loader);
            } catch (ClassNotFoundException e) {
                return super.resolveClass(desc);
            }
        }
    }
}
