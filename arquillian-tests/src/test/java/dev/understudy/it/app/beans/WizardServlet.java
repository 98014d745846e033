package dev.understudy.it.app.beans;

import dev.understudy.ejb.ReplicatedBeans;
import dev.understudy.ejb.client.BeanHandle;
import jakarta.ejb.NoSuchEJBException;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The endpoint of a Java client holding a {@link Wizard}'s handle ({@code X-Understudy-Bean}):
 * {@code POST /api/bean/wizard?answer=X} runs {@code next}, {@code ?op=finish} removes the bean. Answers
 * {@code step}, {@code answers}, {@code greeterInjected}, {@code node} and sends the handle back. A garbled or forged
 * handle: 400; a bean that no longer exists: 410.
 */
@WebServlet(urlPatterns = WizardServlet.PATH)
public class WizardServlet extends HttpServlet {
    public static final String PATH = "/api/bean/wizard";

    @Inject
    Greeter greeter;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, Object> out = new TreeMap<>();
        try {
            ReplicatedBeans.Reply<Map<String, Object>> reply = ReplicatedBeans.call(
                    request.getHeader(BeanHandle.HEADER), WizardServlet::newWizard, wizard -> {
                        Map<String, Object> r = new TreeMap<>();
                        if ("finish".equals(request.getParameter("op"))) {
                            wizard.finish();
                            r.put("finished", true);
                        } else {
                            r.put("step", wizard.next(request.getParameter("answer")));
                            r.put("answers", wizard.answers());
                            r.put("greeterInjected", wizard.greeterInjected());
                        }
                        return r;
                    });
            out.putAll(reply.value());
            if (reply.handle() != null) {
                response.setHeader(BeanHandle.HEADER, reply.handle());
            }
        } catch (IllegalArgumentException e) {
            response.setStatus(400);
            out.put("error", e.getMessage());
        } catch (NoSuchEJBException e) {
            response.setStatus(410);
            out.put("error", e.getMessage());
        }
        out.put("node", greeter.node());
        BeanServlet.stats(out);
        BeanServlet.write(response, out);
    }

    private static Wizard newWizard() {
        try {
            return (Wizard) new InitialContext().lookup("java:module/Wizard");
        } catch (NamingException e) {
            throw new IllegalStateException(e);
        }
    }
}
