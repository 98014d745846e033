package dev.understudy.connector;

import dev.understudy.api.ReplicationAdmin;
import java.util.Collections;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * The {@code java.util.logging} level of every Understudy logger ({@code dev.understudy} and below: adapter,
 * engine, transport, web filter, interceptors). Levels are JVM-wide, like the loggers.
 *
 * <p>Setting one sets the {@code dev.understudy} logger, which its children inherit, and also every child that
 * was given a level of its own (e.g. in {@code logging.properties}), which would otherwise keep it. The parent is
 * held here: the log manager keeps loggers only weakly, and a collected logger would forget its level.
 */
final class LogLevels {
    static final String ROOT = "dev.understudy";
    private static final Logger ROOT_LOGGER = Logger.getLogger(ROOT);

    private LogLevels() {
    }

    /**
     * The level named {@code text}, one of {@link ReplicationAdmin#LOG_LEVELS} in any case.
     *
     * @throws IllegalArgumentException anything else (numbers and localized names included)
     */
    static Level parse(String text) {
        String name = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        if (!ReplicationAdmin.LOG_LEVELS.contains(name)) {
            throw new IllegalArgumentException("logLevel must be one of " + ReplicationAdmin.LOG_LEVELS + ", was "
                    + (text == null ? "null" : '"' + text + '"') + "; it stays " + current());
        }
        return Level.parse(name);
    }

    /** The level the {@code dev.understudy} logger logs at: its own, else the nearest ancestor's. */
    static String current() {
        for (Logger l = ROOT_LOGGER; l != null; l = l.getParent()) {
            if (l.getLevel() != null) {
                return l.getLevel().getName();
            }
        }
        return Level.INFO.getName();
    }

    /** Sets {@code level} on {@code dev.understudy} and on every descendant that has a level of its own. */
    static void set(Level level) {
        ROOT_LOGGER.setLevel(level);
        LogManager manager = LogManager.getLogManager();
        for (String name : Collections.list(manager.getLoggerNames())) {
            if (name.startsWith(ROOT + ".")) {
                Logger logger = manager.getLogger(name);
                if (logger != null && logger.getLevel() != null) {
                    logger.setLevel(level);
                }
            }
        }
    }
}
