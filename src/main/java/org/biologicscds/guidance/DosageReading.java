package org.biologicscds.guidance;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Timing;

/**
 * What a dosage instruction says about the amount per dose and the timing, read the way EHRs write
 * it (clinical-v2.md section 4, {@code methotrexate-dosing} and {@code glucocorticoid-co-medication}):
 * a structured {@code doseQuantity} in mg (or in tablets of the product's strength), else the mg
 * amount of the text ("6 tablets (15 mg)", "2 x 10 mg", "30 мг"); {@code Timing.repeat} periods in
 * days. Pure functions, no knowledge: which words mean "daily" is a rule parameter.
 */
final class DosageReading {

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    private static final Pattern MG = Pattern.compile("(\\d+(?:[.,]\\d+)?)\\s*(?:mg|мг)(?![\\p{L}/])", FLAGS);
    private static final Pattern COUNT_TIMES_MG = Pattern.compile(
            "(\\d+(?:[.,]\\d+)?)\\s*[x×х*]\\s*(\\d+(?:[.,]\\d+)?)\\s*(?:mg|мг)(?![\\p{L}/])", FLAGS);
    private static final Pattern TABLETS = Pattern.compile(
            "(\\d+(?:[.,]\\d+)?)\\s*(?:tablets?|tabs?|tbl|таблет\\p{L}*|табл)(?!\\p{L})", FLAGS);
    private static final Pattern STRENGTH = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*MG(?!\\s*/)(?!\\p{L})", FLAGS);
    private static final Set<String> MG_UNITS = Set.of("mg", "мг", "milligram", "milligrams");
    private static final Set<String> TABLET_UNITS = Set.of("tablet", "tablets", "tab", "tabs", "{tbl}", "{tablet}",
            "{tablets}", "{pill}", "pill", "pills", "tbl", "таблетка", "таблетки", "табл");

    private DosageReading() {
    }

    /** The dosage instructions of a MedicationRequest or MedicationStatement; none for other resources. */
    static List<Dosage> dosages(Resource resource) {
        if (resource instanceof MedicationRequest request) {
            return request.getDosageInstruction();
        }
        if (resource instanceof MedicationStatement statement) {
            return statement.getDosage();
        }
        return List.of();
    }

    /** Every free text of one dosage: its text, patient instruction, timing code text and additional instructions. */
    static String text(Dosage dosage) {
        List<String> parts = new ArrayList<>();
        if (dosage.hasText()) {
            parts.add(dosage.getText());
        }
        if (dosage.hasPatientInstruction()) {
            parts.add(dosage.getPatientInstruction());
        }
        if (dosage.getTiming().getCode().hasText()) {
            parts.add(dosage.getTiming().getCode().getText());
        }
        dosage.getAdditionalInstruction().stream().filter(CodeableConcept::hasText).forEach(c -> parts.add(c.getText()));
        return String.join("; ", parts);
    }

    /** True if a dosage says anything about how often: a text, a timing code or a repeat. */
    static boolean says(Dosage dosage) {
        return !text(dosage).isBlank() || dosage.getTiming().hasCode() || dosage.getTiming().hasRepeat();
    }

    /**
     * The mg per dose: the {@code doseQuantity} in mg (g × 1000) or in tablets times the product's strength;
     * else the text: "N x M mg"; an mg amount other than the tablet strength ("6 tablets (15 mg)" of 2.5 mg
     * tablets is 15 mg); "N tablets" of the product's strength; the only mg amount.
     */
    static Optional<BigDecimal> doseMg(Dosage dosage, CodeableConcept medication) {
        Optional<BigDecimal> strength = strengthMg(medication);
        for (Dosage.DosageDoseAndRateComponent doseAndRate : dosage.getDoseAndRate()) {
            if (doseAndRate.hasDoseQuantity() && doseAndRate.getDoseQuantity().hasValue()) {
                Quantity quantity = doseAndRate.getDoseQuantity();
                String unit = (quantity.hasCode() ? quantity.getCode() : quantity.getUnit() == null ? "" : quantity.getUnit())
                        .toLowerCase(Locale.ROOT).trim();
                if (MG_UNITS.contains(unit)) {
                    return Optional.of(quantity.getValue());
                }
                if (unit.equals("g")) {
                    return Optional.of(quantity.getValue().multiply(BigDecimal.valueOf(1000)));
                }
                if (TABLET_UNITS.contains(unit) && strength.isPresent()) {
                    return Optional.of(quantity.getValue().multiply(strength.get()));
                }
            }
        }
        String text = text(dosage);
        Matcher product = COUNT_TIMES_MG.matcher(text);
        if (product.find()) {
            return Optional.of(number(product.group(1)).multiply(number(product.group(2))));
        }
        List<BigDecimal> amounts = new ArrayList<>();
        Matcher mg = MG.matcher(text);
        while (mg.find()) {
            amounts.add(number(mg.group(1)));
        }
        Optional<BigDecimal> other = amounts.stream()
                .filter(a -> strength.map(s -> a.compareTo(s) != 0).orElse(true)).findFirst();
        if (other.isPresent()) {
            return other;
        }
        Matcher tablets = TABLETS.matcher(text);
        if (tablets.find() && strength.isPresent()) {
            return Optional.of(number(tablets.group(1)).multiply(strength.get()));
        }
        return amounts.stream().findFirst();
    }

    /** The mg strength of a solid product from its name ("methotrexate 2.5 MG Oral Tablet"); never a concentration (MG/ML). */
    static Optional<BigDecimal> strengthMg(CodeableConcept medication) {
        List<String> names = new ArrayList<>();
        if (medication.hasText()) {
            names.add(medication.getText());
        }
        medication.getCoding().stream().filter(Coding::hasDisplay).forEach(c -> names.add(c.getDisplay()));
        for (String name : names) {
            Matcher strength = STRENGTH.matcher(name);
            if (strength.find()) {
                return Optional.of(number(strength.group(1)));
            }
        }
        return Optional.empty();
    }

    /** A repeat's period in days ({@code period} × {@code periodUnit}); empty without a period or unit. */
    static Optional<Double> periodDays(Timing.TimingRepeatComponent repeat) {
        if (!repeat.hasPeriod() || !repeat.hasPeriodUnit()) {
            return Optional.empty();
        }
        return unitDays(repeat.getPeriodUnit().toCode()).map(d -> repeat.getPeriod().doubleValue() * d);
    }

    /** A UCUM time unit of Timing (s, min, h, d, wk, mo, a) in days. */
    static Optional<Double> unitDays(String unit) {
        return switch (unit == null ? "" : unit) {
            case "s" -> Optional.of(1.0 / 86400);
            case "min" -> Optional.of(1.0 / 1440);
            case "h" -> Optional.of(1.0 / 24);
            case "d" -> Optional.of(1.0);
            case "wk" -> Optional.of(7.0);
            case "mo" -> Optional.of(30.0);
            case "a" -> Optional.of(365.0);
            default -> Optional.empty();
        };
    }

    /** A repeat's {@code frequency}, 1 when it does not say. */
    static int frequency(Timing.TimingRepeatComponent repeat) {
        return repeat.hasFrequency() ? Math.max(1, repeat.getFrequency()) : 1;
    }

    private static BigDecimal number(String text) {
        return new BigDecimal(text.replace(',', '.'));
    }
}
