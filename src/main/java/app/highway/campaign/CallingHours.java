package app.highway.campaign;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
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
