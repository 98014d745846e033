package dev.understudy.it.app.session;

import dev.understudy.api.ReplicationConnection;
import dev.understudy.api.ReplicationConnectionFactory;
import dev.understudy.api.SessionKey;
import dev.understudy.api.StoredSession;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * What the adapter holds for a session, bypassing the filter: {@code GET /store?id=I} looks up the connection
 * factory, opens {@code SessionKey.web(<context path>, I)} and answers {@code key=value} lines: {@code exists},
 * {@code version}, {@code primary}, {@code secondary}, {@code maxInactiveSeconds}, {@code creationTime},
 * {@code lastAccessedTime}, {@code names} and {@code attr.<name>} — each value deserialized here from the stored
 * bytes (with the application's class loader), {@code String.valueOf}. So a test can see that a change (e.g. a
 * list changed in place, without {@code setAttribute}) reached the store that the secondary copies, and that a
 * refused value did not.
 *
 * <p>It never calls {@code getSession}: the filter stays out of this request (it is lazy).
 */
@WebServlet(urlPatterns = StoredSessionServlet.PATH)
public class StoredSessionServlet extends HttpServlet {
    public static final String PATH = "/store";
    static final String FACTORY = "understudy/ReplicationConnectionFactory";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, Object> out = new TreeMap<>();
        try (ReplicationConnection connection = factory().getConnection()) {
            SessionKey key = SessionKey.web(request.getContextPath(), request.getParameter("id"));
            Optional<StoredSession> found = connection.open(key, null);
            out.put("exists", found.isPresent());
            if (found.isPresent()) {
                StoredSession stored = found.get();
                out.put("version", stored.version());
                out.put("primary", stored.route().primary());
                out.put("secondary", String.valueOf(stored.route().secondary()));
                out.put("maxInactiveSeconds", stored.state().maxInactiveSeconds());
                out.put("creationTime", stored.state().creationTime());
                out.put("lastAccessedTime", stored.state().lastAccessedTime());
                out.put("names", String.join(",", new TreeMap<>(stored.state().attributes()).keySet()));
                for (Map.Entry<String, byte[]> attribute : stored.state().attributes().entrySet()) {
                    out.put("attr." + attribute.getKey(), String.valueOf(deserialize(attribute.getValue())));
                }
            }
        } catch (NamingException | ClassNotFoundException e) {
            throw new IOException(e);
        }
        response.setContentType("text/plain;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        StringBuilder body = new StringBuilder();
        out.forEach((k, v) -> body.append(k).append('=').append(v).append('\n'));
        response.getWriter().print(body);
    }

    private static ReplicationConnectionFactory factory() throws NamingException {
        return (ReplicationConnectionFactory) new InitialContext().lookup(FACTORY);
    }

    private Object deserialize(byte[] bytes) throws IOException, ClassNotFoundException {
        ClassLoader loader = getServletContext().getClassLoader();
        try (ObjectInputStream in = new LoaderObjectInputStream(new ByteArrayInputStream(bytes), loader)) {
            return in.readObject();
        }
    }

    /** Resolves classes on the application's loader (the default would use the caller's, the same here). */
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
