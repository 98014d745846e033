package dev.understudy.sample.web;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code POST /api/blob/patch?bytes=M}: overwrites M bytes, at a random offset, of the {@code byte[]} attribute
 * {@code blob} that {@code POST /api/blob} stored — <b>in place</b> ({@code getAttribute} and a write into the array,
 * no {@code setAttribute}), so that a replication product must notice the change by itself (benchmark kit: "sessions
 * mutated in place"). Answers {@code patched} (M) and {@code bytes} (the blob's size). M must be 1 to the blob's
 * size; without a blob, or with a bad M: 400 and nothing changes.
 */
@WebServlet("/api/blob/patch")
public class BlobPatchServlet extends ShopServlet {

    public BlobPatchServlet() {
        this(NODES);
    }

    BlobPatchServlet(NodeName nodes) {
        super(nodes);
    }

    @Override
    Map<String, Action> actions() {
        return Map.of("POST", this::patch);
    }

    private Outcome patch(HttpServletRequest request) {
        int count = Inputs.bytes(request.getParameter("bytes"));
        HttpSession session = request.getSession(true);
        byte[] blob = (byte[]) session.getAttribute(BlobServlet.ATTRIBUTE);
        if (blob == null) {
            throw ShopError.badRequest("no blob to patch in this session: store one first (POST /api/blob?bytes=N)");
        }
        if (count < 1 || count > blob.length) {
            throw ShopError.badRequest("'bytes' must be 1 to the blob's size (" + blob.length + "): " + count);
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int offset = random.nextInt(blob.length - count + 1);
        byte[] before = Arrays.copyOfRange(blob, offset, offset + count);
        for (int i = offset; i < offset + count; i++) {
            blob[i] = (byte) (blob[i] + 1 + random.nextInt(255)); // every patched byte really changes
        }
        return Outcome.of(session.getId(), "patched", count).with("bytes", blob.length)
                .undoneBy(() -> System.arraycopy(before, 0, blob, offset, count));
    }
}
