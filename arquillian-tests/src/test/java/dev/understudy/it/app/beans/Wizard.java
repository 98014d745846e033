package dev.understudy.it.app.beans;

import dev.understudy.ejb.Replicated;
import jakarta.ejb.Remove;
import jakarta.ejb.Stateful;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code @Stateful} bean that lives in no HTTP session: clients hold its replication handle
 * ({@code ReplicatedBeans}, {@code FailoverClient}).
 */
@Stateful
@Replicated("wizard")
public class Wizard {
    private int step;
    private final List<String> answers = new ArrayList<>();
    @Inject
    Greeter greeter;

    public int next(String answer) {
        answers.add(answer);
        return ++step;
    }

    public List<String> answers() {
        return List.copyOf(answers);
    }

    public boolean greeterInjected() {
        return greeter != null;
    }

    @Remove
    public void finish() {
        answers.clear();
    }
}
