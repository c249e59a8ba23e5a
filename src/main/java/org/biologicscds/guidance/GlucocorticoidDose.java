package org.biologicscds.guidance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Timing;

/**
 * The systemic glucocorticoids a patient takes now and their daily dose as prednisone-equivalent
 * (clinical-v2.md section 4: prednisone and prednisolone x 1, methylprednisolone x 1.25, dexamethasone
 * x 6.67, hydrocortisone x 0.25; one value set per ingredient, the factor a rule parameter). Read from
 * active or on-hold MedicationRequests, active or intended MedicationStatements and the request's other
 * drafts; local forms (its {@code exclude-value-set}s: topical, eye, inhaled, joint) never count. The daily dose is the dose
 * in mg (or g) times the doses per day of the timing (frequency per period; QD/BID/TID/QID; "daily" in
 * the text); a dose that cannot be read is reported as such, never guessed.
 */
final class GlucocorticoidDose {

    /** One current glucocorticoid: how the card names it, and its prednisone-equivalent mg/day if readable. */
    record Current(String description, Optional<BigDecimal> prednisoneMgPerDay) {
    }

    private static final Set<String> ACTIVE_REQUEST = Set.of("active", "on-hold");
    private static final Set<String> ACTIVE_STATEMENT = Set.of("active", "intended");
    private static final Map<String, Integer> TIMING_CODES = Map.of("QD", 1, "BID", 2, "TID", 3, "QID", 4, "AM", 1, "PM", 1);
    private static final Pattern DAILY = Pattern.compile(
            "\\b(daily|once a day|once daily|every day|every morning|each morning|qd|qam|od)\\b|ежедневно|1 раз в день");

    private final Map<String, BigDecimal> factorByValueSet;
    private final List<String> nonSystemic;

    GlucocorticoidDose(Map<String, BigDecimal> factorByValueSet, List<String> nonSystemic) {
        this.factorByValueSet = Map.copyOf(factorByValueSet);
        this.nonSystemic = List.copyOf(nonSystemic);
    }

    /** The current systemic glucocorticoids, one entry per record. */
    List<Current> current(BiologicOrder order, PatientFacts facts) {
        List<Current> found = new ArrayList<>();
        for (MedicationRequest request : facts.record().all(MedicationRequest.class)) {
            if (ACTIVE_REQUEST.contains(PatientFacts.status(request.getStatusElement()))) {
                read(facts.medicationConcept(request), request.getDosageInstruction(), "active order", facts).ifPresent(found::add);
            }
        }
        for (MedicationStatement statement : facts.record().all(MedicationStatement.class)) {
            if (ACTIVE_STATEMENT.contains(PatientFacts.status(statement.getStatusElement()))) {
                read(facts.medicationConcept(statement.getMedication(), statement.getContained()), statement.getDosage(),
                        "medication statement", facts).ifPresent(found::add);
            }
        }
        facts.medications(order).stream().filter(m -> m.kind() == MedicationUse.Kind.DRAFT)
                .forEach(m -> factor(m.concept(), facts).ifPresent(f -> found.add(
                        new Current(Describe.concept(m.concept()) + " (draft order in this request)", Optional.empty()))));
        return found;
    }

    private Optional<Current> read(CodeableConcept concept, List<Dosage> dosages, String source, PatientFacts facts) {
        Optional<BigDecimal> factor = factor(concept, facts);
        if (factor.isEmpty()) {
            return Optional.empty();
        }
        Optional<BigDecimal> mgPerDay = dosages.isEmpty() ? Optional.empty() : mgPerDay(dosages.get(0));
        String dose = dosages.isEmpty() || !dosages.get(0).hasText() ? "" : ", " + Describe.oneLine(dosages.get(0).getText());
        return Optional.of(new Current(Describe.concept(concept) + " (" + source + dose + ")",
                mgPerDay.map(mg -> mg.multiply(factor.get()).setScale(1, RoundingMode.HALF_UP))));
    }

    private Optional<BigDecimal> factor(CodeableConcept concept, PatientFacts facts) {
        if (nonSystemic.stream().anyMatch(vs -> facts.codes().matchesMedication(vs, concept))) {
            return Optional.empty();
        }
        return factorByValueSet.entrySet().stream().filter(e -> facts.codes().matchesMedication(e.getKey(), concept))
                .map(Map.Entry::getValue).findFirst();
    }

    /** The dose in mg per day of one dosage line, if its dose and timing can be read. */
    static Optional<BigDecimal> mgPerDay(Dosage dosage) {
        Optional<BigDecimal> mg = dosage.getDoseAndRate().stream().filter(d -> d.hasDoseQuantity() && d.getDoseQuantity().hasValue())
                .findFirst().flatMap(d -> milligrams(d.getDoseQuantity()));
        Optional<BigDecimal> perDay = dosesPerDay(dosage);
        if (mg.isEmpty() || perDay.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(mg.get().multiply(perDay.get()));
    }

    private static Optional<BigDecimal> milligrams(Quantity dose) {
        return switch (DosePerWeight.unit(dose).toLowerCase(Locale.ROOT)) {
            case "mg" -> Optional.of(dose.getValue());
            case "g" -> Optional.of(dose.getValue().movePointRight(3));
            default -> Optional.empty();
        };
    }

    private static Optional<BigDecimal> dosesPerDay(Dosage dosage) {
        Timing timing = dosage.getTiming();
        if (timing.hasRepeat() && timing.getRepeat().hasPeriod() && timing.getRepeat().hasPeriodUnit()) {
            Timing.TimingRepeatComponent repeat = timing.getRepeat();
            BigDecimal frequency = BigDecimal.valueOf(repeat.hasFrequency() ? repeat.getFrequency() : 1);
            BigDecimal periodDays = switch (repeat.getPeriodUnit().toCode()) {
                case "h" -> repeat.getPeriod().divide(BigDecimal.valueOf(24), 6, RoundingMode.HALF_UP);
                case "d" -> repeat.getPeriod();
                case "wk" -> repeat.getPeriod().multiply(BigDecimal.valueOf(7));
                default -> BigDecimal.ZERO;
            };
            return periodDays.signum() > 0 ? Optional.of(frequency.divide(periodDays, 6, RoundingMode.HALF_UP)) : Optional.empty();
        }
        if (timing.hasCode()) {
            for (org.hl7.fhir.r4.model.Coding coding : timing.getCode().getCoding()) {
                Integer perDay = coding.hasCode() ? TIMING_CODES.get(coding.getCode().toUpperCase(Locale.ROOT)) : null;
                if (perDay != null) {
                    return Optional.of(BigDecimal.valueOf(perDay));
                }
            }
        }
        if (dosage.hasText() && DAILY.matcher(dosage.getText().toLowerCase(Locale.ROOT)).find()) {
            return Optional.of(BigDecimal.ONE);
        }
        return Optional.empty();
    }
}
