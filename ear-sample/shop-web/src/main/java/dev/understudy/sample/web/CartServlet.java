package dev.understudy.sample.web;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/cart?item=X}: appends X to the {@code ArrayList<String>} session attribute {@code cart}
 * <em>in place</em> (getAttribute, then add; setAttribute only when creating it), which the web filter must notice
 * by itself; {@code GET}: reads it. Both answer {@code items}. Missing or empty {@code item}: 400, nothing changes.
 * If the grown list is above the adapter's limits (found at the commit point), the item is taken out again: 413.
 */
@WebServlet("/api/cart")
public class CartServlet extends ShopServlet {
    static final String ATTRIBUTE = "cart";

    public CartServlet() {
        this(NODES);
    }

    CartServlet(NodeName nodes) {
        super(nodes);
    }

    @Override
    Map<String, Action> actions() {
        return Map.of("GET", this::read, "POST", this::add);
    }

    private Outcome read(HttpServletRequest request) {
        HttpSession session = request.getSession(true);
        List<String> cart = cart(session);
        return Outcome.of(session.getId(), "items", cart == null ? List.of() : List.copyOf(cart));
    }

    private Outcome add(HttpServletRequest request) {
        String item = Inputs.item(request.getParameter("item"));
        HttpSession session = request.getSession(true);
        List<String> cart = cart(session);
        if (cart == null) {
            ArrayList<String> created = new ArrayList<>();
            created.add(item);
            store(session, ATTRIBUTE, created);
            return Outcome.of(session.getId(), "items", List.copyOf(created));
        }
        cart.add(item);
        return Outcome.of(session.getId(), "items", List.copyOf(cart))
                .undoneBy(() -> cart.remove(cart.size() - 1));
    }

    @SuppressWarnings("unchecked") // the shop only ever stores an ArrayList<String> there
    private static List<String> cart(HttpSession session) {
        return (List<String>) session.getAttribute(ATTRIBUTE);
    }
}
