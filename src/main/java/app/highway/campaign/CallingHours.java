package app.highway.campaign;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * When people may be called: from {@code start} (included) to {@code end} (excluded), local time, on
 * {@code days}, in the callee's time zone; {@code zone} is the campaign's, for numbers whose zone cannot be told.
 * A number spanning several zones (libphonenumber lists more than one) is called only when it is within hours in
 * all of them.
 */
public record CallingHours(LocalTime start, LocalTime end, Set<DayOfWeek> days, ZoneId zone) {
    /** Any day, any time (the campaign's zone is UTC). */
    public static final CallingHours ANY_TIME = new CallingHours(LocalTime.MIN, LocalTime.MAX,
            EnumSet.allOf(DayOfWeek.class), ZoneId.of("UTC"));

    public CallingHours {
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("calling hours must start before they end (" + start + " to " + end
                    + "); hours across midnight are not supported");
        }
        if (days.isEmpty()) {
            throw new IllegalArgumentException("calling hours need at least one day of the week");
        }
        days = Set.copyOf(days);
    }

    /**
     * Days of the week from names ({@code mon}, {@code Monday}: three letters at least, any case) and ranges
     * ({@code mon-fri}, {@code fri-mon} wraps over the weekend); each item may also be a comma-separated list.
     * None (or only blanks) means every day.
     *
     * @throws IllegalArgumentException naming the item that is not a day
     */
    public static Set<DayOfWeek> parseDays(Collection<String> items) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String item : items) {
            for (String part : item.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                String[] ends = part.split("-", -1);
                if (ends.length > 2) {
                    throw new IllegalArgumentException("Unknown days '" + part.strip() + "': use a range like mon-fri");
                }
                DayOfWeek from = day(ends[0]);
                DayOfWeek to = ends.length == 2 ? day(ends[1]) : from;
                for (DayOfWeek d = from; ; d = d.plus(1)) {
                    days.add(d);
                    if (d == to) {
                        break;
                    }
                }
            }
        }
        return days.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : days;
    }

    private static DayOfWeek day(String name) {
        String k = name.strip().toLowerCase(Locale.ROOT);
        return EnumSet.allOf(DayOfWeek.class).stream().filter(d -> k.length() >= 3
                && d.name().toLowerCase(Locale.ROOT).startsWith(k)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("Unknown day '" + name.strip()
                        + "': use mon, tue, wed, thu, fri, sat, sun or a range like mon-fri"));
    }

    /** The days as the API writes them ({@code mon}, {@code tue}, …), Monday first. */
    public List<String> dayNames() {
        return days.stream().sorted().map(d -> d.name().substring(0, 3).toLowerCase(Locale.ROOT)).toList();
    }

    public boolean anyTime() {
        return start.equals(LocalTime.MIN) && end.equals(LocalTime.MAX) && days.size() == 7;
    }

    boolean isOpen(Instant at, ZoneId in) {
        ZonedDateTime local = at.atZone(in);
        LocalTime t = local.toLocalTime();
        return days.contains(local.getDayOfWeek()) && !t.isBefore(start) && (t.isBefore(end) || end == LocalTime.MAX);
    }

    /**
     * The first moment at or after {@code now} when every zone of {@code zones} (the campaign's if empty) is
     * within hours; the intersection of open spans begins at one of their starts, so only those are tried.
     */
    public Instant nextOpening(Instant now, List<ZoneId> zones) {
        List<ZoneId> in = zones.isEmpty() ? List.of(zone) : zones;
        if (in.stream().allMatch(z -> isOpen(now, z))) {
            return now;
        }
        List<Instant> starts = new ArrayList<>();
        for (ZoneId z : in) {
            for (int d = 0; d <= 8; d++) {
                Instant s = now.atZone(z).toLocalDate().plusDays(d).atTime(start).atZone(z).toInstant();
                if (s.isAfter(now)) {
                    starts.add(s);
                }
            }
        }
        Optional<Instant> first = starts.stream().sorted().filter(s -> in.stream().allMatch(z -> isOpen(s, z)))
                .findFirst();
        // zones whose hours never overlap: the campaign's own zone decides
        return first.orElseGet(() -> in.size() > 1 ? nextOpening(now, List.of(zone)) : now.plusSeconds(86_400));
    }
}
