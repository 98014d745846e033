package dev.understudy.it.app.beans;

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
import java.io.ObjectInputStream;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * What the adapter holds of a bean, bypassing filter and interceptor: {@code GET /api/bean/store?id=I&bean=B}
 * opens the HTTP session {@code I} and lists the entries of bean {@code B} ({@code fields}, {@code field.<name>}
 * deserialized, {@code String.valueOf}); {@code exists=false} when the session is not there.
 */
@WebServlet(urlPatterns = BeanStoreServlet.PATH)
public class BeanStoreServlet extends HttpServlet {
    public static final String PATH = "/api/bean/store";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, Object> out = new TreeMap<>();
        String prefix = "\u0000bean/" + request.getParameter("bean") + "/";
        try (ReplicationConnection connection = ((ReplicationConnectionFactory) new InitialContext()
                .lookup("understudy/ReplicationConnectionFactory")).getConnection()) {
            Optional<StoredSession> found = connection.open(
                    SessionKey.web(request.getContextPath(), request.getParameter("id")), null);
            out.put("exists", found.isPresent());
            if (found.isPresent()) {
                Map<String, Object> fields = new TreeMap<>();
                for (Map.Entry<String, byte[]> e : found.get().state().attributes().entrySet()) {
                    if (e.getKey().startsWith(prefix)) {
                        fields.put(e.getKey().substring(prefix.length()), read(e.getValue()));
                    }
                }
                out.put("fields", String.join(",", fields.keySet()));
                fields.forEach((name, value) -> out.put("field." + name, String.valueOf(value)));
            }
        } catch (NamingException | ClassNotFoundException e) {
            throw new IOException(e);
        }
        BeanServlet.write(response, out);
    }

    private Object read(byte[] bytes) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        }
    }
}
