package org.biologicscds.guidance;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reverse direction (clinical-v2.md 1.4 R): every {@link ReverseRule} on each reverse-trigger draft,
 * against the therapies read from the record ({@link Therapies}). No therapy, no cards. At most one
 * finding per rule per draft; one card per fact ({@link FactOwnership}, per draft); a rule that throws
 * gives its "could not run" finding and the others stand ({@link CheckNotRun}). The findings are about
 * the draft ({@link OrderFindings#reference()}); each carries as its order the therapy it names first, so
 * that the card's headline source is a label of that drug (the draft itself is outside the catalogue).
 * Immutable and thread-safe.
 */
final class ReverseReview {

    private final List<ReverseRule> rules;
    private final Therapies therapies;
    private final FactOwnership ownership;

    ReverseReview(List<ReverseRule> rules, Therapies therapies, FactOwnership ownership) {
        this.rules = List.copyOf(rules);
        this.therapies = therapies;
        this.ownership = ownership;
    }

    /** This review with one more rule run after the others. */
    ReverseReview with(ReverseRule extra) {
        List<ReverseRule> more = new ArrayList<>(rules);
        more.add(extra);
        return new ReverseReview(more, therapies, ownership);
    }

    List<OrderFindings> evaluate(List<CoMedicationDraft> drafts, PatientFacts facts) {
        if (drafts.isEmpty()) {
            return List.of();
        }
        facts.reading(Guidance.SHARED);
        List<Therapy> onRecord = therapies.read(facts);
        if (onRecord.isEmpty()) {
            return List.of();
        }
        List<OrderFindings> results = new ArrayList<>();
        for (CoMedicationDraft draft : drafts) {
            Map<String, Finding> byRule = new LinkedHashMap<>();
            for (ReverseRule rule : rules) {
                facts.reading(ReverseRule.ruleIds(rule));
                for (Finding finding : CheckNotRun.run(rule, draft, onRecord, facts)) {
                    byRule.putIfAbsent(finding.ruleId(), finding);
                }
                facts.reading(Guidance.SHARED);
            }
            results.addAll(byTherapy(draft, ownership.keep(new ArrayList<>(byRule.values())), onRecord, facts));
        }
        return results;
    }

    /** The draft's findings grouped by the therapy each names first, withheld ones with their owner's. */
    private static List<OrderFindings> byTherapy(CoMedicationDraft draft, FactOwnership.Kept kept, List<Therapy> therapies,
                                                 PatientFacts facts) {
        Map<Therapy, List<String>> records = new IdentityHashMap<>();
        therapies.forEach(t -> records.put(t, DrugRecords.references(facts, t.order().drug())));
        Map<Therapy, List<Finding>> findings = new LinkedHashMap<>();
        Map<String, Therapy> ofRule = new LinkedHashMap<>();
        for (Finding finding : kept.kept()) {
            Therapy therapy = named(finding, therapies, records);
            findings.computeIfAbsent(therapy, t -> new ArrayList<>()).add(finding);
            ofRule.put(finding.ruleId(), therapy);
        }
        Map<Therapy, List<OrderFindings.Withheld>> withheld = new LinkedHashMap<>();
        for (OrderFindings.Withheld w : kept.withheld()) {
            Therapy therapy = Optional.ofNullable(ofRule.get(w.owner())).orElse(therapies.get(0));
            findings.computeIfAbsent(therapy, t -> new ArrayList<>());
            withheld.computeIfAbsent(therapy, t -> new ArrayList<>()).add(w);
        }
        List<OrderFindings> results = new ArrayList<>();
        findings.forEach((therapy, list) -> results.add(new OrderFindings(draft.reference(), Optional.of(therapy.order()),
                OrderFindings.mostUrgentFirst(list), withheld.getOrDefault(therapy, List.of()))));
        return results;
    }

    /** The therapy a finding names: by the records it is about, else by its summary, else the newest. */
    private static Therapy named(Finding finding, List<Therapy> therapies, Map<Therapy, List<String>> records) {
        for (String record : finding.evidence()) { // the rule names its main therapy's records first
            for (Therapy therapy : therapies) {
                if (records.get(therapy).contains(record)) {
                    return therapy;
                }
            }
        }
        String summary = finding.summary().toLowerCase(java.util.Locale.ROOT);
        return therapies.stream().filter(t -> summary.contains(t.order().drug().name().toLowerCase(java.util.Locale.ROOT)))
                .findFirst().orElse(therapies.get(0));
    }
}
