package org.biologicscds.guidance;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.biologicscds.knowledge.RuleParameters;

/**
 * A latent TB treatment regimen and what makes its course complete (clinical-v2.md 3.1,
 * {@code cdc-ltbi-2020}, {@code who-tpt-2020}, {@code brief-tb-2019}), read from a {@code regimen}
 * parameter of {@code tb-positive-treated}:
 * {@code "<name>: <drug value set> + <drug value set> [daily|weekly]; <n> d[; <m> doses]"}, e.g.
 * {@code "1HP: ltbi-isoniazid + ltbi-rifapentine daily; 28 d"} or
 * {@code "3HP: ltbi-isoniazid + ltbi-rifapentine; 84 d; 11 doses"}.
 *
 * @param name        as the card names it ("1HP", "4R")
 * @param drugs       the value set of each drug of the regimen; a course matches when it used exactly these
 * @param schedule    the dosing a course must show to count as this regimen; {@link Schedule#ANY} if any
 * @param minimumDays a course of at least this many days is complete
 * @param minimumDoses a course with at least this many recorded doses is complete (3HP: 11 weekly doses)
 */
record LtbiRegimen(String name, List<String> drugs, Schedule schedule, int minimumDays, Optional<Integer> minimumDoses) {

    /** How often the drugs were taken, as far as the record says. */
    enum Schedule { DAILY, WEEKLY, ANY }

    private static final Pattern FORMAT = Pattern.compile(
            "(\\S+): ([a-z0-9-]+(?: \\+ [a-z0-9-]+)*)(?: (daily|weekly))?; (\\d+) d(?:; (\\d+) doses)?");

    LtbiRegimen {
        drugs = List.copyOf(drugs);
    }

    /** Every {@code regimen} parameter, in file order (the first regimen a course matches is its regimen). */
    static List<LtbiRegimen> read(RuleParameters parameters) {
        List<LtbiRegimen> regimens = parameters.strings("regimen").stream().map(text -> parse(parameters, text)).toList();
        if (regimens.isEmpty()) {
            throw parameters.invalid("regimen", "is missing");
        }
        return regimens;
    }

    private static LtbiRegimen parse(RuleParameters parameters, String text) {
        Matcher m = FORMAT.matcher(text.strip());
        if (!m.matches()) {
            throw parameters.invalid("regimen", "'" + text + "' must read '<name>: <value set> + <value set> [daily|weekly]; <n> d[; <m> doses]'");
        }
        Schedule schedule = m.group(3) == null ? Schedule.ANY : Schedule.valueOf(m.group(3).toUpperCase(java.util.Locale.ROOT));
        return new LtbiRegimen(m.group(1), List.of(m.group(2).split(" \\+ ")), schedule, Integer.parseInt(m.group(4)),
                Optional.ofNullable(m.group(5)).map(Integer::parseInt));
    }

    /** True if a course of exactly these drugs, taken on this schedule, is this regimen. */
    boolean matches(java.util.Set<String> courseDrugs, Schedule courseSchedule) {
        return courseDrugs.equals(java.util.Set.copyOf(drugs)) && (schedule == Schedule.ANY || schedule == courseSchedule);
    }

    /** True if a course of {@code days} with {@code doses} recorded doses completes this regimen. */
    boolean completedBy(long days, int doses) {
        return days >= minimumDays || minimumDoses.map(min -> doses >= min).orElse(false);
    }

    /** "28 days", or "84 days or 11 doses". */
    String requirement() {
        return minimumDays + " days" + minimumDoses.map(d -> " or " + d + " doses").orElse("");
    }
}
