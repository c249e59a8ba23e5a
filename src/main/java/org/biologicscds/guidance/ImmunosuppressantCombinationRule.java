package org.biologicscds.guidance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.RuleParameters;

/**
 * {@code immunosuppressant-combination} (clinical-v2.md 3.3, forward direction): a systemic
 * immunosuppressant with an advanced therapy. Each current medication falls in the first
 * {@code group} (value set) that names it; the group's {@code tier} rows, read in order as
 * "indication|drug-or-class|indicator" ({@code *} = any; indicator {@code none} = no card), give its
 * tier: cyclosporine, tacrolimus, mycophenolate, cyclophosphamide warning; a thiopurine warning
 * outside IBD, none with a TNF inhibitor in IBD (SONIC), info with other drugs in IBD; leflunomide
 * none in RA/PsA, info elsewhere. Info only on a new start or restart (once per course). Topical
 * and eye forms never count. A thiopurine with a TNF inhibitor in a female under the HSTCL age
 * outside IBD adds the HSTCL line (1.1).
 *
 * <p>Reverse (1.4 R, section 4): a draft of a group for a patient on therapy gets one card naming every
 * therapy whose tier gives one, at the worst tier, with "Remove this order"; an info tier only when the
 * draft starts a course (none of its group taken in the last {@code restart-after} days).
 */
final class ImmunosuppressantCombinationRule implements Rule, ReverseRule {

    private final Alternatives alternatives;

    static final String ID = "immunosuppressant-combination";

    private record Tier(String indication, String drug, Optional<Indicator> indicator) {
    }

    private final List<String> groups;
    private final Map<String, List<Tier>> tiers;
    private final Optional<String> exclude;
    private final String summary;
    private final String advice;
    private final String hstclGroup;
    private final String hstclLine;
    private final int hstclAge;
    private final String ibd;
    private final int newCourseAfter;

    ImmunosuppressantCombinationRule(Knowledge knowledge) {
        this.alternatives = new Alternatives(knowledge);
        RuleParameters parameters = knowledge.parameters(ID);
        this.groups = knowledge.valueSets(ID, "group");
        this.exclude = Optional.of(knowledge.valueSet(ID, "exclude-value-set"));
        this.summary = parameters.string("summary");
        this.advice = parameters.string("advice");
        this.hstclGroup = knowledge.valueSet(ID, "hstcl-group");
        this.hstclLine = parameters.string("hstcl-line");
        this.hstclAge = knowledge.parameters(HstclThiopurineRule.ID).integer("under-age");
        this.ibd = knowledge.valueSet(HstclThiopurineRule.ID, "ibd-value-set");
        this.tiers = new java.util.LinkedHashMap<>();
        parameters.textListsByDrug("tier").forEach((group, rows) -> tiers.put(group, rows.stream().map(row -> {
            String[] parts = row.split("\\|");
            if (parts.length != 3) {
                throw parameters.invalid("tier", "row '" + row + "' must be indication|drug|indicator");
            }
            if (!parts[0].equals("*") && !knowledge.valueSets().has(parts[0])) {
                throw parameters.invalid("tier", "row '" + row + "' names value set '" + parts[0] + "', which is not loaded");
            }
            return new Tier(parts[0], parts[1],
                    parts[2].equals("none") ? Optional.empty() : Optional.of(Indicator.fromCode(parts[2])));
        }).toList()));
        for (String group : groups) {
            if (!tiers.containsKey(group)) {
                throw parameters.invalid("tier", "group '" + group + "' has no tier rows");
            }
        }
        this.newCourseAfter = knowledge.course().days("restart-after");
    }

    @Override
    public String name() {
        return ID;
    }

    @Override
    public List<Finding> evaluateReverse(CoMedicationDraft draft, List<Therapy> therapies, PatientFacts facts) {
        String group = groups.stream().filter(g -> facts.codes().matchesMedication(g, draft.concept())).findFirst().orElse(null);
        if (group == null || exclude.map(vs -> facts.codes().matchesMedication(vs, draft.concept())).orElse(false)) {
            return List.of();
        }
        boolean startsCourse = !ReverseFacts.takenSince(facts, group, exclude, facts.today().minusDays(newCourseAfter));
        List<Therapy> counted = new ArrayList<>();
        Indicator worst = null;
        boolean hstcl = false;
        for (Therapy therapy : ReverseFacts.onTherapy(therapies)) {
            Optional<Indicator> tier = tier(group, therapy.order(), facts);
            if (tier.isEmpty() || (tier.get() == Indicator.INFO && !startsCourse)) {
                continue;
            }
            counted.add(therapy);
            worst = worst == null || tier.get().compareTo(worst) > 0 ? tier.get() : worst;
            hstcl |= group.equals(hstclGroup) && isHstclFemale(therapy.order(), facts);
        }
        if (counted.isEmpty()) {
            return List.of();
        }
        String drugs = ReverseFacts.names(counted);
        String text = summary.replace("{medication}", Describe.shortened(Describe.concept(draft.concept())))
                .replace("{drug}", Describe.shortened(drugs));
        List<String> shown = new ArrayList<>(List.of(ReverseFacts.draftLine(draft)));
        counted.forEach(t -> shown.add(ReverseFacts.describe(t, facts.today())));
        if (hstcl) {
            shown.add(hstclLine.replace("{drug}", drugs));
        }
        return List.of(new Finding(ID, worst, Describe.capitalized(text), shown, advice.replace("{drug}", drugs),
                List.of(ReverseFacts.remove(draft)), ReverseFacts.evidence(draft, counted, facts)));
    }

    @Override
    public List<Finding> evaluate(BiologicOrder order, PatientFacts facts) {
        boolean startsCourse = facts.course(order).startsCourse();
        List<MedicationUse> counted = new ArrayList<>();
        Indicator worst = null;
        boolean hstcl = false;
        for (String group : groups) {
            for (MedicationUse use : CoMedications.current(order, facts, group, exclude)) {
                if (counted.stream().anyMatch(c -> c.concept() == use.concept())
                        || firstGroup(use, facts) != group) {
                    continue;
                }
                Optional<Indicator> tier = tier(group, order, facts);
                if (tier.isEmpty() || (tier.get() == Indicator.INFO && !startsCourse)) {
                    continue;
                }
                counted.add(use);
                worst = worst == null || tier.get().compareTo(worst) > 0 ? tier.get() : worst;
                hstcl |= group.equals(hstclGroup) && isHstclFemale(order, facts);
            }
        }
        if (counted.isEmpty()) {
            return List.of();
        }
        String drug = order.drug().name();
        String text = summary.replace("{medication}", Describe.shortened(Describe.concept(counted.get(0).concept())))
                .replace("{drug}", drug);
        List<String> shown = new ArrayList<>(counted.stream().map(m -> "Active: " + m.describe()).toList());
        if (hstcl) {
            shown.add(hstclLine.replace("{drug}", drug));
        }
        return List.of(new Finding(ID, worst, Describe.capitalized(text), shown, advice.replace("{drug}", drug),
                List.of(), CoMedications.evidence(counted)));
    }

    private String firstGroup(MedicationUse use, PatientFacts facts) {
        return groups.stream().filter(g -> facts.codes().matchesMedication(g, use.concept())).findFirst().orElse(null);
    }

    private Optional<Indicator> tier(String group, BiologicOrder order, PatientFacts facts) {
        for (Tier tier : tiers.get(group)) {
            boolean drugMatches = tier.drug().equals("*") || order.isOneOf(List.of(tier.drug()));
            boolean indicationMatches = tier.indication().equals("*")
                    || alternatives.indicated(order, facts, tier.indication());
            if (drugMatches && indicationMatches) {
                return tier.indicator();
            }
        }
        return Optional.empty();
    }

    /** A TNF inhibitor in a female under the HSTCL age outside IBD: hstcl-thiopurine gives no card (1.1). */
    private boolean isHstclFemale(BiologicOrder order, PatientFacts facts) {
        return order.drug().drugClass().equals("tnf-inhibitor")
                && HstclThiopurineRule.gender(facts).equals("female")
                && facts.ageInYears().map(a -> a < hstclAge).orElse(false)
                && !alternatives.indicated(order, facts, ibd);
    }
}
