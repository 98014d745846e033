package dev.understudy.sample.web;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code POST /api/blob?bytes=N}: stores an N-byte {@code byte[]} session attribute {@code blob}, random content so
 * that every request really changes it (load tests of large attributes); {@code GET}: the stored size. Both answer
 * {@code bytes}. N must be 0 to 10 MiB (else 400, nothing changes); above the adapter's {@code maxAttributeBytes}
 * (4 MiB by default) the adapter refuses it: 413, the previous blob stays.
 */
@WebServlet("/api/blob")
public class BlobServlet extends ShopServlet {
    static final String ATTRIBUTE = "blob";

    public BlobServlet() {
        this(NODES);
    }

    BlobServlet(NodeName nodes) {
        super(nodes);
    }

    @Override
    Map<String, Action> actions() {
        return Map.of("GET", this::read, "POST", this::store);
    }

    private Outcome read(HttpServletRequest request) {
        HttpSession session = request.getSession(true);
        byte[] blob = (byte[]) session.getAttribute(ATTRIBUTE);
        return Outcome.of(session.getId(), "bytes", blob == null ? 0 : blob.length);
    }

    private Outcome store(HttpServletRequest request) {
        int size = Inputs.bytes(request.getParameter("bytes"));
        HttpSession session = request.getSession(true);
        byte[] blob = new byte[size];
        ThreadLocalRandom.current().nextBytes(blob);
        store(session, ATTRIBUTE, blob);
        return Outcome.of(session.getId(), "bytes", size);
    }
}
