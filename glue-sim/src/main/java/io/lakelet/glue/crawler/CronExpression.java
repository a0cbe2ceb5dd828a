package io.lakelet.glue.crawler;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * A schedule in AWS's {@code cron(Minutes Hours Day-of-month Month Day-of-week Year)} form, as Glue
 * crawlers and triggers take it: six fields, in UTC; one of day-of-month and day-of-week must be
 * {@code ?}; {@code * , - /} everywhere, {@code L} and {@code W} in day-of-month, {@code L} and {@code #}
 * in day-of-week (1 = Sunday ... 7 = Saturday, or SUN-SAT), months 1-12 or JAN-DEC, years 1970-2199.
 */
public final class CronExpression {
    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP",
            "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    private final String text;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet months;
    private final BitSet years;
    private final DayRule dayOfMonth;
    private final DayRule dayOfWeek;

    /** Thrown for an expression that is not a valid AWS cron expression; the message says why. */
    public static final class InvalidCronException extends RuntimeException {
        InvalidCronException(String message) {
            super(message);
        }
    }

    private interface DayRule {
        boolean matches(LocalDate date);
    }

    private CronExpression(String text, BitSet minutes, BitSet hours, BitSet months, BitSet years, DayRule dom,
                           DayRule dow) {
        this.text = text;
        this.minutes = minutes;
        this.hours = hours;
        this.months = months;
        this.years = years;
        this.dayOfMonth = dom;
        this.dayOfWeek = dow;
    }

    /** Parses {@code cron(...)}; throws {@link InvalidCronException} when it is not one. */
    public static CronExpression parse(String expression) {
        if (expression == null) {
            throw new InvalidCronException("no expression");
        }
        String e = expression.trim();
        if (!e.startsWith("cron(") || !e.endsWith(")")) {
            throw new InvalidCronException("the expression must have the form cron(fields)");
        }
        String[] f = e.substring(5, e.length() - 1).trim().split("\\s+");
        if (f.length != 6) {
            throw new InvalidCronException("a cron expression has 6 fields, found " + f.length);
        }
        boolean domAny = f[2].equals("?");
        boolean dowAny = f[4].equals("?");
        if (domAny == dowAny) {
            throw new InvalidCronException("exactly one of day-of-month and day-of-week must be '?'");
        }
        BitSet min = field(f[0], 0, 59, null, "minutes");
        BitSet hour = field(f[1], 0, 23, null, "hours");
        BitSet month = field(f[3], 1, 12, MONTHS, "month");
        BitSet year = field(f[5], 1970, 2199, null, "year");
        DayRule dom = domAny ? d -> true : dayOfMonth(f[2]);
        DayRule dow = dowAny ? d -> true : dayOfWeek(f[4]);
        return new CronExpression(e, min, hour, month, year, dom, dow);
    }

    /** Whether {@code expression} parses. */
    public static boolean valid(String expression) {
        try {
            parse(expression);
            return true;
        } catch (InvalidCronException ex) {
            return false;
        }
    }

    /** The first time strictly after {@code after} (UTC) at which this schedule fires, or null if never. */
    public ZonedDateTime next(ZonedDateTime after) {
        LocalDateTime t = after.withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime()
                .truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        LocalDate day = t.toLocalDate();
        for (int i = 0; i < 366 * 10 && day.getYear() <= 2199; i++, day = day.plusDays(1)) {
            if (!years.get(day.getYear()) || !months.get(day.getMonthValue()) || !dayOfMonth.matches(day)
                    || !dayOfWeek.matches(day)) {
                continue;
            }
            boolean today = day.equals(t.toLocalDate());
            for (int h = today ? t.getHour() : 0; h < 24; h++) {
                if (!hours.get(h)) {
                    continue;
                }
                int fromMinute = today && h == t.getHour() ? t.getMinute() : 0;
                int m = minutes.nextSetBit(fromMinute);
                if (m >= 0 && m < 60) {
                    return day.atTime(h, m).atZone(ZoneOffset.UTC);
                }
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return text;
    }

    private static BitSet field(String spec, int lo, int hi, List<String> names, String what) {
        BitSet set = new BitSet(hi + 1);
        for (String part : spec.split(",", -1)) {
            int step = 1;
            String range = part;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                step = number(part.substring(slash + 1), 1, hi, null, what);
                range = part.substring(0, slash);
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = lo;
                to = hi;
            } else if (range.contains("-")) {
                String[] ab = range.split("-", -1);
                if (ab.length != 2) {
                    throw new InvalidCronException("invalid range in the " + what + " field: " + part);
                }
                from = number(ab[0], lo, hi, names, what);
                to = number(ab[1], lo, hi, names, what);
            } else {
                from = number(range, lo, hi, names, what);
                to = slash >= 0 ? hi : from;
            }
            if (from > to) {
                throw new InvalidCronException("invalid range in the " + what + " field: " + part);
            }
            for (int v = from; v <= to; v += step) {
                set.set(v);
            }
        }
        return set;
    }

    private static int number(String s, int lo, int hi, List<String> names, String what) {
        String u = s.toUpperCase(Locale.ROOT);
        if (names != null) {
            int i = names.indexOf(u);
            if (i >= 0) {
                return i + lo;
            }
        }
        int v;
        try {
            v = Integer.parseInt(u);
        } catch (NumberFormatException e) {
            throw new InvalidCronException("invalid value in the " + what + " field: " + s);
        }
        if (v < lo || v > hi) {
            throw new InvalidCronException("value " + v + " out of range " + lo + "-" + hi + " in the " + what
                    + " field");
        }
        return v;
    }

    private static DayRule dayOfMonth(String spec) {
        String u = spec.toUpperCase(Locale.ROOT);
        if (u.equals("L")) {
            return d -> d.getDayOfMonth() == d.lengthOfMonth();
        }
        if (u.endsWith("W")) {
            int target = number(u.substring(0, u.length() - 1), 1, 31, null, "day-of-month");
            return d -> d.equals(nearestWeekday(d, target));
        }
        BitSet days = field(u, 1, 31, null, "day-of-month");
        return d -> days.get(d.getDayOfMonth());
    }

    private static LocalDate nearestWeekday(LocalDate d, int target) {
        if (target > d.lengthOfMonth()) {
            return null;
        }
        LocalDate t = d.withDayOfMonth(target);
        if (t.getDayOfWeek() == DayOfWeek.SATURDAY) {
            return target == 1 ? t.plusDays(2) : t.minusDays(1);
        }
        if (t.getDayOfWeek() == DayOfWeek.SUNDAY) {
            return target == t.lengthOfMonth() ? t.minusDays(2) : t.plusDays(1);
        }
        return t;
    }

    private static DayRule dayOfWeek(String spec) {
        String u = spec.toUpperCase(Locale.ROOT);
        int hash = u.indexOf('#');
        if (hash >= 0) {
            int dow = number(u.substring(0, hash), 1, 7, DAYS, "day-of-week");
            int nth = number(u.substring(hash + 1), 1, 5, null, "day-of-week");
            return d -> cronDay(d) == dow && (d.getDayOfMonth() - 1) / 7 + 1 == nth;
        }
        if (u.length() > 1 && u.endsWith("L")) {
            int dow = number(u.substring(0, u.length() - 1), 1, 7, DAYS, "day-of-week");
            return d -> cronDay(d) == dow && d.plusDays(7).getMonthValue() != d.getMonthValue();
        }
        if (u.equals("L")) {
            return d -> cronDay(d) == 7;
        }
        BitSet days = field(u, 1, 7, DAYS, "day-of-week");
        return d -> days.get(cronDay(d));
    }

    /** 1 = Sunday ... 7 = Saturday. */
    private static int cronDay(LocalDate d) {
        return d.getDayOfWeek().getValue() % 7 + 1;
    }
}
