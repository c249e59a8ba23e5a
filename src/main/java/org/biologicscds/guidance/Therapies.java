package org.biologicscds.guidance;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.biologicscds.knowledge.Drug;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.RuleParameters;
import org.hl7.fhir.r4.model.MedicationRequest;

/**
 * The advanced therapies a reverse trigger meets (clinical-v2.md 1.3, 1.4 R), read from the record only
 * (never from the request's drafts, which are not exposure): one {@link Therapy} per catalogue drug,
 * newest last dose first. "On therapy" = an active or on-hold order, an active statement, or an
 * administration within {@code on-therapy-intervals} (2) x the drug's maintenance interval; a drug only
 * given within {@code recent-exposure} (365 d) is kept too, not on therapy (live vaccines read it).
 * Parameters from {@code Library/reverse-triggers}. Immutable and thread-safe.
 */
final class Therapies {

    static final String LIBRARY = "reverse-triggers";

    private final int onTherapyIntervals;
    private final int recentExposureDays;

    Therapies(Knowledge knowledge) {
        RuleParameters parameters = knowledge.library(LIBRARY);
        this.onTherapyIntervals = parameters.integer("on-therapy-intervals");
        this.recentExposureDays = parameters.days("recent-exposure");
    }

    /** The therapies of the patient: on therapy, or last given within the recent-exposure window; newest last dose first. */
    List<Therapy> read(PatientFacts facts) {
        LocalDate today = facts.today();
        List<DrugHistory.Use> uses = DrugHistory.biologics(facts);
        Map<String, List<DrugHistory.Use>> byDrug = new LinkedHashMap<>();
        uses.forEach(u -> byDrug.computeIfAbsent(u.drug().id(), k -> new ArrayList<>()).add(u));
        List<Therapy> therapies = new ArrayList<>();
        for (List<DrugHistory.Use> ofDrug : byDrug.values()) {
            Drug drug = ofDrug.get(0).drug();
            LocalDate lastDose = ofDrug.get(0).lastDose(); // uses come newest last dose first
            boolean activeRecord = ofDrug.stream().anyMatch(u -> u.use().active());
            boolean recentlyGiven = ofDrug.stream()
                    .filter(u -> u.use().kind() == MedicationUse.Kind.ADMINISTRATION)
                    .map(DrugHistory.Use::lastDose)
                    .anyMatch(d -> drug.maintenanceIntervalDays()
                            .map(interval -> !d.isBefore(today.minusDays((long) onTherapyIntervals * interval)))
                            .orElse(false));
            boolean onTherapy = activeRecord || recentlyGiven;
            if (lastDose.equals(LocalDate.MIN) && !onTherapy) {
                continue; // an order with no date that is not active: nothing says when it was given
            }
            boolean recent = !lastDose.isBefore(today.minusDays(recentExposureDays));
            if (!onTherapy && !recent) {
                continue;
            }
            LocalDate start = DrugHistory.firstUse(uses, drug).orElse(today);
            therapies.add(new Therapy(order(facts, drug, start), lastDose.equals(LocalDate.MIN) ? today : lastDose, onTherapy));
        }
        return List.copyOf(therapies);
    }

    /** The therapy as an ongoing order: its active order if any, else its first order in the record, else none. */
    private static BiologicOrder order(PatientFacts facts, Drug drug, LocalDate start) {
        List<MedicationRequest> active = DrugRecords.activeOrders(facts, drug);
        MedicationRequest request = active.isEmpty()
                ? facts.record().all(MedicationRequest.class).stream()
                        .filter(r -> facts.drug(facts.medicationConcept(r)).map(d -> d.id().equals(drug.id())).orElse(false))
                        .findFirst().orElse(new MedicationRequest())
                : active.get(0);
        String id = request.getIdElement().getIdPart();
        String reference = id == null ? "MedicationRequest/" + drug.id() : "MedicationRequest/" + id;
        return new BiologicOrder(request, reference, drug, facts.today(), Optional.of(start));
    }

    /** "adalimumab", "adalimumab and secukinumab", "a, b and c" (each drug once, newest last dose first). */
    static String names(List<Therapy> therapies) {
        List<String> names = therapies.stream().map(t -> t.order().drug().name()).distinct().toList();
        if (names.size() <= 1) {
            return names.isEmpty() ? "" : names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    /** One line per therapy: "On adalimumab (last dose 2026-11-09)" or "Recently given ...". */
    static List<String> describe(List<Therapy> therapies) {
        return therapies.stream().map(t -> (t.onTherapy() ? "On " : "Recently given ") + t.order().drug().name()
                + (t.lastDose() == null ? "" : " (last dose " + t.lastDose() + ")")).toList();
    }
}
