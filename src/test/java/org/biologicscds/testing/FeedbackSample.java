package org.biologicscds.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.biologicscds.feedback.FeedbackDatabase;
import org.biologicscds.feedback.FeedbackEntry;
import org.biologicscds.feedback.FeedbackReport;
import org.biologicscds.feedback.FeedbackReport.ReasonCount;
import org.biologicscds.feedback.FeedbackReport.RuleStats;
import org.biologicscds.feedback.FeedbackStore;
import org.biologicscds.feedback.IssuedCard;
import org.biologicscds.feedback.IssuedCardLog;
import org.biologicscds.feedback.OverrideReason;
import org.biologicscds.hooks.Coding;
import org.biologicscds.hooks.Indicator;

/**
 * A month of feedback, small enough to count by hand: TB-screening cards mostly overridden
 * ("done elsewhere"), methotrexate cards half accepted, one card from before the month, and
 * feedback on two cards the issued-card log never saw. {@link #SINCE_NOVEMBER} and {@link #ALL_TIME}
 * are the reports it must give.
 */
public final class FeedbackSample {

    public static final String SERVICE = "biologic-order-sign";
    public static final String TB = "tb-screening-missing";
    public static final String MTX = "methotrexate-combination";
    public static final String OUR_REASONS = "http://biologics-cds.org/fhir/CodeSystem/override-reason";
    public static final String DONE_ELSEWHERE_DISPLAY = "Already done or documented elsewhere (outside records)";

    private static final Instant NOVEMBER = Instant.parse("2026-11-20T09:00:00Z");
    private static final Instant OCTOBER = Instant.parse("2026-10-01T09:00:00Z");

    /** {@code feedback-report --since 2026-11-01}. */
    public static final FeedbackReport SINCE_NOVEMBER = new FeedbackReport(java.time.LocalDate.parse("2026-11-01"), List.of(
            new RuleStats(MTX, 2, 1, 1, 0.5, List.of(new ReasonCount(null, null, ReasonCount.COMMENT_ONLY, 1))),
            new RuleStats(TB, 4, 1, 3, 0.75, List.of(
                    new ReasonCount(OUR_REASONS, "done-elsewhere", DONE_ELSEWHERE_DISPLAY, 2),
                    new ReasonCount("https://ehr.example/override", "not-on-our-list", null, 1)))),
            new FeedbackReport.Unmatched(1, 1));

    /** {@code feedback-report} (everything). */
    public static final FeedbackReport ALL_TIME = new FeedbackReport(null, List.of(
            new RuleStats(MTX, 2, 1, 1, 0.5, List.of(new ReasonCount(null, null, ReasonCount.COMMENT_ONLY, 1))),
            new RuleStats(TB, 5, 1, 4, 0.8, List.of(
                    new ReasonCount(OUR_REASONS, "done-elsewhere", DONE_ELSEWHERE_DISPLAY, 2),
                    new ReasonCount(null, null, ReasonCount.NO_REASON, 1),
                    new ReasonCount("https://ehr.example/override", "not-on-our-list", null, 1)))),
            new FeedbackReport.Unmatched(1, 1));

    private FeedbackSample() {
    }

    /** Writes the sample into {@code database} (the issued cards through the real log, drained). */
    public static void write(FeedbackDatabase database) {
        IssuedCardLog log = new IssuedCardLog(database.dataSource(), IssuedCardLog.Settings.DEFAULT).start();
        log.record(List.of(
                issued("tb-1", TB, Indicator.WARNING, NOVEMBER), issued("tb-2", TB, Indicator.WARNING, NOVEMBER),
                issued("tb-3", TB, Indicator.WARNING, NOVEMBER), issued("tb-4", TB, Indicator.WARNING, NOVEMBER),
                issued("tb-old", TB, Indicator.WARNING, OCTOBER),
                issued("mtx-1", MTX, Indicator.INFO, NOVEMBER), issued("mtx-2", MTX, Indicator.INFO, NOVEMBER)));
        log.close();
        Coding doneElsewhere = new Coding(OUR_REASONS, "done-elsewhere", DONE_ELSEWHERE_DISPLAY);
        FeedbackStore store = new FeedbackStore(database, Clock.fixed(NOVEMBER, ZoneOffset.UTC));
        store.store(SERVICE, List.of(
                FeedbackEntry.accepted("tb-1", List.of("s-1"), NOVEMBER),
                FeedbackEntry.accepted("tb-1", List.of("s-1"), NOVEMBER), // sent twice, stored once
                FeedbackEntry.overridden("tb-2", new OverrideReason(doneElsewhere, "QuantiFERON at the county clinic"), NOVEMBER),
                FeedbackEntry.overridden("tb-3", new OverrideReason(doneElsewhere, null), NOVEMBER),
                FeedbackEntry.overridden("tb-4", new OverrideReason(
                        new Coding("https://ehr.example/override", "not-on-our-list", null), null), NOVEMBER),
                FeedbackEntry.overridden("tb-old", null, OCTOBER.plusSeconds(3600)),
                FeedbackEntry.overridden("mtx-1", new OverrideReason(null, "low dose, rheumatology agrees"), NOVEMBER),
                FeedbackEntry.accepted("mtx-2", List.of("s-8"), NOVEMBER),
                FeedbackEntry.accepted("mtx-2", List.of("s-9"), NOVEMBER.plusSeconds(60)), // the same card, once
                FeedbackEntry.accepted("never-issued-1", List.of("s-1"), NOVEMBER),
                FeedbackEntry.overridden("never-issued-2", null, NOVEMBER)));
    }

    private static IssuedCard issued(String card, String rule, Indicator indicator, Instant at) {
        return new IssuedCard(card, rule, indicator, SERVICE, "hook-" + card, "pt-" + card, at);
    }
}
