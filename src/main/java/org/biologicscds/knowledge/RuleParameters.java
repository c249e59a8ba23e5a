package org.biologicscds.knowledge;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.biologicscds.hooks.Indicator;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Quantity;

/**
 * The parameters of one rule, from {@code Parameters/rule-parameters}: one top-level parameter
 * named after the rule, its {@code part}s the values. Getters throw {@link KnowledgeException}
 * naming the rule and the part when a value is missing or of the wrong type, so a rule that is
 * built at start fails the start, not a request.
 */
public final class RuleParameters {

    static final String FILE = "Parameters-rule-parameters.json";

    private final String ruleId;
    private final List<ParametersParameterComponent> parts;

    private RuleParameters(String ruleId, List<ParametersParameterComponent> parts) {
        this.ruleId = ruleId;
        this.parts = List.copyOf(parts);
    }

    /** Index of a Parameters resource by rule id. */
    static Map<String, RuleParameters> index(Parameters parameters) {
        Map<String, RuleParameters> byRule = new LinkedHashMap<>();
        for (ParametersParameterComponent parameter : parameters.getParameter()) {
            if (byRule.put(parameter.getName(), new RuleParameters(parameter.getName(), parameter.getPart())) != null) {
                throw new KnowledgeException(FILE, "rule '" + parameter.getName() + "' has two parameter entries");
            }
        }
        return byRule;
    }

    static RuleParameters empty(String ruleId) {
        return new RuleParameters(ruleId, List.of());
    }

    private ParametersParameterComponent part(String name) {
        return parts.stream().filter(p -> p.getName().equals(name)).findFirst()
                .orElseThrow(() -> missing(name, "is missing"));
    }

    private KnowledgeException missing(String name, String what) {
        return new KnowledgeException(FILE, "rule '" + ruleId + "' part '" + name + "' " + what);
    }

    /** True if the rule has a part of this name. */
    public boolean has(String name) {
        return parts.stream().anyMatch(p -> p.getName().equals(name));
    }

    /** A duration part ({@code valueDuration} in d, wk, mo or a) in whole days. */
    public int days(String name) {
        ParametersParameterComponent part = part(name);
        if (!(part.getValue() instanceof Duration duration) || !duration.hasValue()) {
            throw missing(name, "must be a valueDuration");
        }
        double value = duration.getValue().doubleValue();
        double days = switch (duration.getCode() == null ? "" : duration.getCode()) {
            case "d" -> value;
            case "wk" -> value * 7;
            case "mo" -> value * 30;
            case "a" -> value * 365;
            default -> throw missing(name, "must use UCUM d, wk, mo or a");
        };
        return (int) Math.round(days);
    }

    /** A decimal part ({@code valueDecimal}, {@code valueInteger} or the value of a {@code valueQuantity}). */
    public BigDecimal decimal(String name) {
        ParametersParameterComponent part = part(name);
        if (part.getValue() instanceof Quantity quantity && quantity.hasValue()) {
            return quantity.getValue();
        }
        if (part.getValue() instanceof org.hl7.fhir.r4.model.DecimalType decimal) {
            return decimal.getValue();
        }
        if (part.getValue() instanceof org.hl7.fhir.r4.model.IntegerType integer) {
            return BigDecimal.valueOf(integer.getValue());
        }
        throw missing(name, "must be a valueDecimal, valueInteger or valueQuantity");
    }

    /** A string or code part. */
    public String string(String name) {
        ParametersParameterComponent part = part(name);
        if (part.getValue() == null || !part.getValue().isPrimitive()) {
            throw missing(name, "must be a valueString or valueCode");
        }
        return part.getValue().primitiveValue();
    }

    /** Every value of a repeated string or code part, in order; empty if there is none. */
    public List<String> strings(String name) {
        List<String> values = new ArrayList<>();
        for (ParametersParameterComponent part : parts) {
            if (part.getName().equals(name)) {
                if (part.getValue() == null || !part.getValue().isPrimitive()) {
                    throw missing(name, "must be a valueString or valueCode");
                }
                values.add(part.getValue().primitiveValue());
            }
        }
        return values;
    }

    /** A coding part ({@code valueCoding}). */
    public org.hl7.fhir.r4.model.Coding coding(String name) {
        ParametersParameterComponent part = part(name);
        if (!(part.getValue() instanceof org.hl7.fhir.r4.model.Coding coding)) {
            throw missing(name, "must be a valueCoding");
        }
        return coding;
    }

    /** An indicator part ({@code valueCode} info, warning or critical). */
    public Indicator indicator(String name) {
        String code = string(name);
        try {
            return Indicator.fromCode(code);
        } catch (IllegalArgumentException e) {
            throw missing(name, "must be info, warning or critical, not '" + code + "'");
        }
    }

    /**
     * Indicators that depend on the drug: repeated parts named {@code name}, each with a {@code drug}
     * part (a drug id or a class code) and an {@code indicator} part. Keys keep file order.
     */
    public Map<String, Indicator> indicatorsByDrug(String name) {
        Map<String, Indicator> byDrug = new LinkedHashMap<>();
        for (ParametersParameterComponent part : parts) {
            if (!part.getName().equals(name)) {
                continue;
            }
            RuleParameters nested = new RuleParameters(ruleId + "." + name, part.getPart());
            byDrug.put(nested.string("drug"), nested.indicator("indicator"));
        }
        return byDrug;
    }

    /**
     * Texts that depend on the drug: repeated parts named {@code name}, each with a {@code drug}
     * part (a drug id or a class code) and a {@code text} part.
     */
    public Map<String, String> textsByDrug(String name) {
        Map<String, String> byDrug = new LinkedHashMap<>();
        for (ParametersParameterComponent part : parts) {
            if (!part.getName().equals(name)) {
                continue;
            }
            RuleParameters nested = new RuleParameters(ruleId + "." + name, part.getPart());
            byDrug.put(nested.string("drug"), nested.string("text"));
        }
        return byDrug;
    }
}
