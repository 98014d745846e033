package dev.understudy.it.security;

import dev.understudy.api.ReplicationConnection;
import dev.understudy.api.ReplicationConnectionFactory;
import dev.understudy.api.SessionChanges;
import dev.understudy.api.SessionKey;
import dev.understudy.api.StoredSession;
import dev.understudy.web.WebStats;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Writes hostile or outdated attribute bytes straight into a replicated session, through the connection factory and
 * bypassing the filter (it never calls {@code getSession}), as a broker peer or an older deployment could leave
 * them: {@code POST /plant?id=I} adds {@code bad-refused} (a {@link File}, outside the allow-list), {@code bad-uid}
 * (a {@link Profile} with another {@code serialVersionUID}) and {@code bad-gone} (a class this deployment does not
 * have). {@code GET /plant?id=I} answers {@code names} (what the adapter stores, sorted) and {@code quarantined}
 * (the filter's counter).
 */
@WebServlet(urlPatterns = PlantServlet.PATH)
public class PlantServlet extends HttpServlet {
    public static final String PATH = "/plant";

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try (ReplicationConnection connection = factory().getConnection()) {
            SessionKey key = SessionKey.web(request.getContextPath(), request.getParameter("id"));
            if (connection.open(key, null).isEmpty()) {
                response.sendError(404, "no session " + key.id());
                return;
            }
            Map<String, byte[]> set = new LinkedHashMap<>();
            set.put("bad-refused", bytes(new File("/etc/passwd")));
            byte[] uid = bytes(new Profile("v1"));
            ByteBuffer.wrap(uid).putLong(indexOf(uid, Profile.class.getName()) + Profile.class.getName().length(), 2L);
            set.put("bad-uid", uid);
            byte[] gone = bytes(new Profile("v1"));
            byte[] missing = Profile.class.getName().replace("Profile", "Profilx").getBytes(StandardCharsets.UTF_8);
            System.arraycopy(missing, 0, gone, indexOf(gone, Profile.class.getName()), missing.length);
            set.put("bad-gone", gone);
            connection.commit(key, new SessionChanges(set, Set.of(), System.currentTimeMillis(), null));
        } catch (NamingException e) {
            throw new IOException(e);
        }
        reply(response, Map.of("planted", "3"));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, Object> out = new TreeMap<>();
        try (ReplicationConnection connection = factory().getConnection()) {
            Optional<StoredSession> stored = connection.open(
                    SessionKey.web(request.getContextPath(), request.getParameter("id")), null);
            out.put("names", stored.map(s -> String.join(",", new TreeMap<>(s.state().attributes()).keySet()))
                    .orElse("-"));
        } catch (NamingException e) {
            throw new IOException(e);
        }
        WebStats stats = (WebStats) getServletContext().getAttribute(WebStats.ATTRIBUTE);
        out.put("quarantined", stats == null ? "-" : stats.snapshot().get("quarantined"));
        reply(response, out);
    }

    private static void reply(HttpServletResponse response, Map<String, ?> out) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        StringBuilder body = new StringBuilder();
        out.forEach((k, v) -> body.append(k).append('=').append(v).append('\n'));
        response.getWriter().print(body);
    }

    private static ReplicationConnectionFactory factory() throws NamingException {
        return (ReplicationConnectionFactory) new InitialContext().lookup("understudy/ReplicationConnectionFactory");
    }

    private static byte[] bytes(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    private static int indexOf(byte[] haystack, String text) {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new IllegalStateException(text + " not in the stream");
    }
}
