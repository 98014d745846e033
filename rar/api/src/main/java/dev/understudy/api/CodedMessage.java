package dev.understudy.api;

import java.text.MessageFormat;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * A log message with a stable code, the way every Understudy module logs: each module keeps its messages in an
 * enum implementing this ({@code US-<constant>}: {@code US-T101}, {@code US-C005}, {@code US-W030}), so
 * operators can alert on codes that never change meaning. java.util.logging, as Payara logs.
 */
public interface CodedMessage {
    /** Sampled messages are logged at their level for the first and every this-many-th, else at FINE. */
    long LOG_EVERY = 1000;

    /** The enum constant's name, e.g. {@code T101}. */
    String name();

    Level level();

    /** The {@link MessageFormat} pattern. */
    String pattern();

    /** {@code US-} and the name. */
    default String code() {
        return "US-" + name();
    }

    /** How many arguments the pattern expects. */
    default int arity() {
        return new MessageFormat(pattern()).getFormatsByArgumentIndex().length;
    }

    /** The line as logged: code, a space, the formatted pattern. */
    default String render(Object... args) {
        return code() + " " + new MessageFormat(pattern()).format(args);
    }

    default void log(Logger logger, Object... args) {
        logAt(logger, level(), null, args);
    }

    default void log(Logger logger, Throwable cause, Object... args) {
        logAt(logger, level(), cause, args);
    }

    /**
     * For problems that can repeat by the thousand: the first and every {@link #LOG_EVERY}-th occurrence
     * ({@code count}) at this message's level, the others at FINE.
     */
    default void logSampled(Logger logger, long count, Throwable cause, Object... args) {
        logAt(logger, count == 1 || count % LOG_EVERY == 0 ? level() : Level.FINE, cause, args);
    }

    /**
     * For counted problems, whose pattern ends with {@code "{n} so far"}: {@code args} then {@code count} fill the
     * pattern; logged as {@link #logSampled}.
     */
    default void logCounted(Logger logger, Throwable cause, long count, Object... args) {
        Object[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = count;
        logSampled(logger, count, cause, all);
    }

    default void logAt(Logger logger, Level at, Throwable cause, Object... args) {
        if (logger.isLoggable(at)) {
            LogRecord record = new LogRecord(at, render(args));
            record.setLoggerName(logger.getName());
            record.setThrown(cause);
            logger.log(record);
        }
    }
}
