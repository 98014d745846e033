package dev.understudy.web;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URI;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Currency;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Which attribute values can never change after they were stored, so that reading them with
 * {@code getAttribute} does not make the filter re-serialize them at commit (model: wildfly-clustering
 * {@code Immutability}). Exact classes only: a subclass of a listed class may add mutable state.
 *
 * <p>Enums count as immutable whatever their fields: serialization writes only the constant's name, so a
 * change to an enum's field could never travel anyway.
 */
final class Immutability implements Predicate<Object> {

    private static final Set<Class<?>> IMMUTABLE = Set.of(String.class, Boolean.class, Character.class, Byte.class,
            Short.class, Integer.class, Long.class, Float.class, Double.class, BigInteger.class, BigDecimal.class,
            UUID.class, Locale.class, URI.class, Currency.class, Class.class, Instant.class, Duration.class,
            Period.class, LocalDate.class, LocalTime.class, LocalDateTime.class, OffsetTime.class,
            OffsetDateTime.class, ZonedDateTime.class, ZoneOffset.class, Year.class, YearMonth.class,
            MonthDay.class, DayOfWeek.class, Month.class);

    private final Set<String> extraClassNames;

    /** @param extraClassNames further exact class names the application vouches for ({@code immutableClasses}) */
    Immutability(Set<String> extraClassNames) {
        this.extraClassNames = Set.copyOf(extraClassNames);
    }

    /** True if {@code value} can never change; {@code null} counts as immutable. */
    @Override
    public boolean test(Object value) {
        if (value == null) {
            return true;
        }
        Class<?> type = value.getClass();
        return IMMUTABLE.contains(type) || value instanceof Enum || value instanceof ZoneId
                || value instanceof InetAddress || (!extraClassNames.isEmpty()
                        && extraClassNames.contains(type.getName()));
    }
}
