package org.biologicscds.knowledge;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.biologicscds.hooks.Indicator;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Type;

/**
 * The parameters of one rule: the {@code rule-parameter} extensions of its PlanDefinition, each a
 * {@code name}, an optional {@code drug} (a drug id, a class code or {@code default}) and a
 * {@code value}. Getters throw {@link KnowledgeException} naming the file, the rule and the
 * parameter when a value is missing or of the wrong type, so a rule built at start fails the start,
 * not a request. Immutable.
 */
public final class RuleParameters {

    /** The canonical URL of the extension that carries a parameter. */
    public static final String EXTENSION_URL = Knowledge.CANONICAL_BASE + "/StructureDefinition/rule-parameter";

    /** One parameter value. {@code drug} is null when it applies to every drug. */
    record Part(String name, String drug, Type value) {
    }

    private final String ruleId;
    private final String file;
    private final List<Part> parts;

    private RuleParameters(String ruleId, String file, List<Part> parts) {
        this.ruleId = ruleId;
        this.file = file;
        this.parts = List.copyOf(parts);
    }

    /** Reads the parameters of a rule's PlanDefinition (or of another knowledge resource that carries them). */
    static RuleParameters of(DomainResource plan, String file) {
        List<Part> parts = new ArrayList<>();
        for (Extension extension : plan.getExtensionsByUrl(EXTENSION_URL)) {
            Extension name = extension.getExtensionByUrl("name");
            Extension value = extension.getExtensionByUrl("value");
            Extension drug = extension.getExtensionByUrl("drug");
            if (name == null || value == null || !name.hasValue() || !value.hasValue()) {
                throw new KnowledgeException(file, "a rule-parameter extension needs a name and a value");
            }
            parts.add(new Part(name.getValue().primitiveValue(), drug == null ? null : drug.getValue().primitiveValue(),
                    value.getValue()));
        }
        return new RuleParameters(plan.getIdPart(), file, parts);
    }

    static RuleParameters empty(String ruleId) {
        return new RuleParameters(ruleId, "PlanDefinition-" + ruleId + ".json", List.of());
    }

    private Part part(String name) {
        return parts.stream().filter(p -> p.name().equals(name) && p.drug() == null).findFirst()
                .orElseThrow(() -> problem(name, "is missing"));
    }

    private KnowledgeException problem(String name, String what) {
        return new KnowledgeException(file, "rule '" + ruleId + "' parameter '" + name + "' " + what);
    }

    /** True if the rule has a parameter of this name (for every drug). */
    public boolean has(String name) {
        return parts.stream().anyMatch(p -> p.name().equals(name) && p.drug() == null);
    }

    /** A duration ({@code valueDuration} in UCUM d, wk, mo or a) in whole days. */
    public int days(String name) {
        return toDays(part(name));
    }

    private int toDays(Part part) {
        String name = part.name();
        if (!(part.value() instanceof Duration duration) || !duration.hasValue()) {
            throw problem(name, "must be a valueDuration");
        }
        double value = duration.getValue().doubleValue();
        double days = switch (duration.getCode() == null ? "" : duration.getCode()) {
            case "d" -> value;
            case "wk" -> value * 7;
            case "mo" -> value * 30;
            case "a" -> value * 365;
            default -> throw problem(name, "must use UCUM d, wk, mo or a");
        };
        return (int) Math.round(days);
    }

    /**
     * A look-back window: a duration in whole days, or empty for the code {@code ever} (no limit; a
     * site may set a duration instead, e.g. the HCV/HIV screening window of clinical-v2.md 3.2).
     */
    public java.util.Optional<Integer> daysOrEver(String name) {
        Type value = part(name).value();
        if (value != null && value.isPrimitive() && "ever".equals(value.primitiveValue())) {
            return java.util.Optional.empty();
        }
        if (value instanceof Duration) {
            return java.util.Optional.of(days(name));
        }
        throw problem(name, "must be a valueDuration or the code 'ever'");
    }

    /** A number ({@code valueDecimal}, {@code valueInteger} or the value of a {@code valueQuantity}). */
    public BigDecimal decimal(String name) {
        return number(part(name));
    }

    private BigDecimal number(Part part) {
        Type value = part.value();
        if (value instanceof Quantity quantity && quantity.hasValue()) {
            return quantity.getValue();
        }
        if (value instanceof org.hl7.fhir.r4.model.DecimalType decimal) {
            return decimal.getValue();
        }
        if (value instanceof org.hl7.fhir.r4.model.IntegerType integer) {
            return BigDecimal.valueOf(integer.getValue());
        }
        throw problem(part.name(), "must be a valueDecimal, valueInteger or valueQuantity");
    }

    /** A whole number. */
    public int integer(String name) {
        return decimal(name).intValueExact();
    }

    /** A string or code. */
    public String string(String name) {
        return text(part(name));
    }

    private String text(Part part) {
        if (part.value() == null || !part.value().isPrimitive()) {
            throw problem(part.name(), "must be a valueString or valueCode");
        }
        return part.value().primitiveValue();
    }

    /** Every value of a repeated string or code parameter, in file order; empty if there is none. */
    public List<String> strings(String name) {
        return parts.stream().filter(p -> p.name().equals(name) && p.drug() == null).map(this::text).toList();
    }

    /** A coding ({@code valueCoding}). */
    public org.hl7.fhir.r4.model.Coding coding(String name) {
        return codings(name).stream().findFirst().orElseThrow(() -> problem(name, "is missing"));
    }

    /** Every coding of a repeated coding parameter. */
    public List<org.hl7.fhir.r4.model.Coding> codings(String name) {
        List<org.hl7.fhir.r4.model.Coding> codings = new ArrayList<>();
        for (Part part : parts) {
            if (part.name().equals(name) && part.drug() == null) {
                if (!(part.value() instanceof org.hl7.fhir.r4.model.Coding coding)) {
                    throw problem(name, "must be a valueCoding");
                }
                codings.add(coding);
            }
        }
        return codings;
    }

    /** The rule's default indicator: the {@code indicator} parameter that names no drug. */
    public Indicator indicator() {
        return toIndicator("indicator", string("indicator"));
    }

    private Indicator toIndicator(String name, String code) {
        try {
            return Indicator.fromCode(code);
        } catch (IllegalArgumentException e) {
            throw problem(name, "must be info, warning or critical, not '" + code + "'");
        }
    }

    /** Per-drug indicators: {@code indicator} parameters with a {@code drug}, keyed by drug id or class code. */
    public Map<String, Indicator> indicatorsByDrug() {
        Map<String, Indicator> byDrug = new LinkedHashMap<>();
        perDrug("indicator").forEach((drug, part) -> byDrug.put(drug, toIndicator("indicator", text(part))));
        return byDrug;
    }

    /** Per-drug texts of a parameter, keyed by drug id, class code or {@code default}. */
    public Map<String, String> textsByDrug(String name) {
        Map<String, String> byDrug = new LinkedHashMap<>();
        perDrug(name).forEach((drug, part) -> byDrug.put(drug, text(part)));
        return byDrug;
    }

    /**
     * Per-key repeated texts of a parameter, keyed by its {@code drug} component (a drug id, class code,
     * or in a shared Library the key it documents, such as an indication), values in file order.
     */
    public Map<String, List<String>> textListsByDrug(String name) {
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        for (Part part : parts) {
            if (part.name().equals(name) && part.drug() != null) {
                byKey.computeIfAbsent(part.drug(), k -> new ArrayList<>()).add(text(part));
            }
        }
        byKey.replaceAll((k, v) -> List.copyOf(v));
        return byKey;
    }

    /** Per-drug numbers of a parameter, keyed by drug id, class code or {@code default}. */
    public Map<String, BigDecimal> numbersByDrug(String name) {
        Map<String, BigDecimal> byDrug = new LinkedHashMap<>();
        perDrug(name).forEach((drug, part) -> byDrug.put(drug, number(part)));
        return byDrug;
    }

    /** Per-drug durations ({@code valueDuration}, as {@link #days}) in whole days, keyed by drug id, class code or {@code default}. */
    public Map<String, Integer> daysByDrug(String name) {
        Map<String, Integer> byDrug = new LinkedHashMap<>();
        perDrug(name).forEach((drug, part) -> byDrug.put(drug, toDays(part)));
        return byDrug;
    }

    /** Per-key codings of a parameter ({@code valueCoding}), keyed by its {@code drug} component. */
    public Map<String, org.hl7.fhir.r4.model.Coding> codingsByDrug(String name) {
        Map<String, org.hl7.fhir.r4.model.Coding> byDrug = new LinkedHashMap<>();
        perDrug(name).forEach((drug, part) -> {
            if (!(part.value() instanceof org.hl7.fhir.r4.model.Coding coding)) {
                throw problem(name, "must be a valueCoding");
            }
            byDrug.put(drug, coding);
        });
        return byDrug;
    }

    private Map<String, Part> perDrug(String name) {
        Map<String, Part> byDrug = new LinkedHashMap<>();
        for (Part part : parts) {
            if (part.name().equals(name) && part.drug() != null) {
                byDrug.put(part.drug(), part);
            }
        }
        return byDrug;
    }

    /**
     * The parameters as short text for documentation, file order: "window = 365 d",
     * "indicator [netakimab] = critical". Texts longer than a few words are left out.
     */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (Part part : parts) {
            String value = show(part.value());
            if (value.length() > 60) {
                continue;
            }
            lines.add(part.name() + (part.drug() == null ? "" : " [" + part.drug() + "]") + " = " + value);
        }
        return lines;
    }

    private static String show(Type value) {
        if (value instanceof Quantity quantity) {
            return quantity.getValue().stripTrailingZeros().toPlainString() + " " + quantity.getCode();
        }
        if (value instanceof org.hl7.fhir.r4.model.Coding coding) {
            return coding.getSystem().substring(coding.getSystem().lastIndexOf('/') + 1) + " " + coding.getCode();
        }
        return value.primitiveValue();
    }

    /** The file the parameters come from, for error messages of rules. */
    public String file() {
        return file;
    }

    /** A problem with a parameter's value that the rule found (e.g. a value set that is not loaded). */
    public KnowledgeException invalid(String name, String what) {
        return problem(name, what);
    }
}
