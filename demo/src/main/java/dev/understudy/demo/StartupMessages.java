package dev.understudy.demo;

import dev.understudy.demo.cluster.PayaraMicroNode;
import dev.understudy.demo.process.Loopback;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the demo says while it starts: elapsed times, and what to do when a process did not start. */
final class StartupMessages {
    private static final Pattern NOT_READY = Pattern.compile("did not get ready \\((.*)\\); log (\\S+):$");

    private StartupMessages() {
    }

    static String since(long startNanos) {
        return String.format("%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }

    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /**
     * What to tell when a node did not get ready: {@link PayaraMicroNode}'s message is
     * {@code ... did not get ready (<reason>); log <file>:\n<tail>}.
     */
    static String notReady(String id, int port, String healthPath, Duration startupTimeout, RuntimeException e) {
        Matcher matcher = NOT_READY.matcher(firstLine(e.getMessage()));
        if (!matcher.find()) {
            return id + " did not get ready: " + firstLine(e.getMessage()) + "\n" + tail(e);
        }
        String reason = matcher.group(1);
        if (reason.contains(" not within ")) {
            reason = "GET http://" + Loopback.ADDRESS + ":" + port + healthPath + " did not answer 200 within "
                    + startupTimeout.toSeconds() + " s (--startup-timeout)";
        } else if (reason.startsWith("exited with")) {
            reason = "the process " + reason;
        }
        return id + " did not get ready: " + reason + ".\nIts log, " + matcher.group(2) + ", says why (a WAR that does"
                + " not deploy, an adapter that refused to start: look for SEVERE, US-C005, RAR8038). " + tail(e);
    }

    /** The last lines of the log tail a start failure's message carries, indented. */
    static String tail(RuntimeException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        int newline = message.indexOf('\n');
        if (newline < 0) {
            return "";
        }
        String[] lines = message.substring(newline + 1).split("\n");
        StringBuilder text = new StringBuilder("Last lines of its log:\n");
        for (int i = Math.max(0, lines.length - 15); i < lines.length; i++) {
            String line = lines[i];
            text.append("    ").append(line.length() > 160 ? line.substring(0, 160) + "..." : line).append('\n');
        }
        return text.toString();
    }
}
