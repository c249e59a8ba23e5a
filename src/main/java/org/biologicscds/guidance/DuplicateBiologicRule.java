package org.biologicscds.guidance;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.knowledge.Drug;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.RuleParameters;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.MedicationRequest;

/**
 * {@code duplicate-biologic} (clinical-v2.md 3.6): another advanced therapy beside the order: a
 * catalogue drug of another ingredient (a biosimilar or the other infliximab route is the same drug,
 * not a duplicate), or a medication of the {@code value-set} parameters (JAK inhibitors, other
 * biologics). Tiers: two drafts of this request → {@code critical}; a therapy with an active order or
 * statement → {@code warning}, with "Discontinue {other}" (its MedicationRequest written back as
 * stopped) and "Remove this order"; an asthma/atopy biologic ({@code low-risk-value-set}: IL-4R,
 * IL-13, IL-5, IgE) → {@code info}. The warning owns the switch fact over {@code switch-washout}
 * (one card per fact): its detail shows the other drug's last dose and next due date.
 */
final class DuplicateBiologicRule implements Rule {

    static final String ID = "duplicate-biologic";

    /** One other therapy found beside the order, and how it counts. */
    private record Other(MedicationUse use, Optional<Drug> drug, Indicator tier) {
    }

    private final List<String> otherTherapies;
    private final List<String> lowRiskTherapies;
    private final String stopReason;

    DuplicateBiologicRule(Knowledge knowledge) {
        RuleParameters parameters = knowledge.parameters(ID);
        this.otherTherapies = knowledge.valueSets(ID, "value-set");
        this.lowRiskTherapies = knowledge.valueSets(ID, "low-risk-value-set");
        this.stopReason = parameters.string("stop-reason");
    }

    @Override
    public List<Finding> evaluate(BiologicOrder order, PatientFacts facts) {
        if (order.ongoing()) {
            return List.of();
        }
        // An IL-4R/IL-13 (or IL-5/IgE) biologic on either side makes the pair info (3.6): since drug catalogue v2
        // dupilumab, tralokinumab and lebrikizumab are catalogue drugs, so the low-risk set is asked first.
        boolean lowRiskOrder = matches(facts, lowRiskTherapies, facts.medicationConcept(order.draft()));
        List<Other> others = new ArrayList<>();
        for (MedicationUse use : facts.medications(order)) {
            if (!use.active() || use.kind() == MedicationUse.Kind.ADMINISTRATION) {
                continue;
            }
            Optional<Drug> drug = facts.drug(use.concept());
            if (drug.map(d -> d.id().equals(order.drug().id())).orElse(false)) {
                continue;
            }
            boolean advanced = drug.isPresent() || matches(facts, otherTherapies, use.concept());
            boolean lowRiskOther = matches(facts, lowRiskTherapies, use.concept());
            if (!advanced && !lowRiskOther) {
                continue;
            }
            boolean lowRisk = lowRiskOther || lowRiskOrder;
            Indicator tier = lowRisk ? Indicator.INFO
                    : use.kind() == MedicationUse.Kind.DRAFT ? Indicator.CRITICAL : Indicator.WARNING;
            others.add(new Other(use, drug, tier));
        }
        Optional<Other> first = others.stream()
                .max(Comparator.comparing((Other o) -> o.tier().ordinal()));
        if (first.isEmpty()) {
            return List.of();
        }
        Other other = first.get();
        String drug = order.drug().name();
        String otherName = other.drug().map(Drug::name).orElse(Describe.concept(other.use().concept()));
        List<String> shown = new ArrayList<>(others.stream().map(o -> "Also ordered or active: " + o.use().describe()).toList());
        List<String> evidence = new ArrayList<>();
        other.drug().ifPresent(d -> evidence.addAll(DrugRecords.references(facts, d)));
        Finding finding = switch (other.tier()) {
            case CRITICAL -> new Finding(ID, Indicator.CRITICAL,
                    "Two advanced therapies ordered together: " + drug + " and " + Describe.shortened(otherName), shown,
                    "Sign only one of the two orders.",
                    List.of(new SuggestedAction.RemoveDraft(order.reference(), "Remove this order")));
            case WARNING -> stillActive(order, facts, other, otherName, shown);
            case INFO -> new Finding(ID, Indicator.INFO,
                    Describe.capitalized(Describe.shortened(otherName)) + " is active with " + drug
                            + ": few data on combining them; agree it with both specialists", shown,
                    "Combining a biologic for asthma or atopic disease with " + drug + " is sometimes done; monitor for infection.",
                    List.of());
        };
        return List.of(finding.about(evidence));
    }

    /** The other therapy has an active order or statement: discontinue it or cancel this order. */
    private Finding stillActive(BiologicOrder order, PatientFacts facts, Other other, String otherName, List<String> shown) {
        String drug = order.drug().name();
        Optional<LocalDate> lastDose = other.drug().flatMap(d -> lastDose(facts, order, d));
        lastDose.ifPresent(last -> {
            shown.add("Last " + otherName + " dose on or about " + last);
            other.drug().flatMap(Drug::maintenanceIntervalDays).ifPresent(interval -> shown.add(
                    "Next " + otherName + " dose would be due " + last.plusDays(interval) + ": after stopping it, start "
                            + drug + " then (no washout needed)"));
        });
        String when = lastDose.map(d -> "last dose " + d).orElse(other.use().start().map(d -> "since " + d).orElse("still ordered"));
        List<SuggestedAction> suggestions = new ArrayList<>();
        other.drug().map(d -> DrugRecords.activeOrders(facts, d)).orElse(List.of()).stream().findFirst()
                .ifPresent(request -> suggestions.add(new SuggestedAction.Discontinue(stopped(request, drug),
                        "Discontinue " + otherName)));
        suggestions.add(new SuggestedAction.RemoveDraft(order.reference(), "Remove this order"));
        return new Finding(ID, Indicator.WARNING,
                Describe.capitalized(Describe.shortened(otherName)) + " is still active (" + when + "): discontinue it or cancel "
                        + drug, shown,
                "Stop " + otherName + " when " + drug + " starts, or remove this order.", suggestions);
    }

    /** L(E): the newest administration, else a statement's or order's end; not an open order's "today". */
    private static Optional<LocalDate> lastDose(PatientFacts facts, BiologicOrder order, Drug drug) {
        return DrugHistory.biologics(facts, order).stream()
                .filter(u -> u.drug().id().equals(drug.id()))
                .filter(u -> u.use().kind() == MedicationUse.Kind.ADMINISTRATION || !u.use().active())
                .map(DrugHistory.Use::lastDose)
                .filter(d -> !d.equals(LocalDate.MIN))
                .max(Comparator.naturalOrder());
    }

    /** The other drug's order as it should be written back: stopped, because of the switch. */
    private MedicationRequest stopped(MedicationRequest active, String drug) {
        MedicationRequest stopped = active.copy();
        stopped.setStatus(MedicationRequest.MedicationRequestStatus.STOPPED);
        stopped.setStatusReason(new CodeableConcept().setText(stopReason.replace("{drug}", drug)));
        return stopped;
    }

    private static boolean matches(PatientFacts facts, List<String> valueSets, CodeableConcept concept) {
        return valueSets.stream().anyMatch(vs -> facts.codes().matchesMedication(vs, concept));
    }
}
