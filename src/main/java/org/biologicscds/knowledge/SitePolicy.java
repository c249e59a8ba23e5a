package org.biologicscds.knowledge;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.StrictErrorHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.biologicscds.hooks.Indicator;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Parameters;

/**
 * A site's adjustments to the guidance, without rebuilding: switch a rule off, or change its
 * indicator. A FHIR {@code Parameters} file with one parameter per rule id and parts
 * {@code enabled} (valueBoolean) and/or {@code indicator} (valueCode info|warning; never critical,
 * clinical-v2.md 1.2):
 *
 * <pre>{@code
 * {"resourceType": "Parameters", "parameter": [
 *   {"name": "hiv-screening-missing", "part": [{"name": "enabled", "valueBoolean": false}]},
 *   {"name": "methotrexate-combination", "part": [{"name": "indicator", "valueCode": "warning"}]}]}
 * }</pre>
 *
 * Every rule id must exist in the knowledge; a typo refuses the start, naming the file.
 */
public final class SitePolicy {

    private record Adjustment(boolean enabled, Optional<Indicator> indicator) {
    }

    private final Map<String, Adjustment> byRule;

    private SitePolicy(Map<String, Adjustment> byRule) {
        this.byRule = Map.copyOf(byRule);
    }

    /** The policy that changes nothing. */
    public static SitePolicy none() {
        return new SitePolicy(Map.of());
    }

    /** Reads and checks a policy file against the rules of the knowledge. */
    public static SitePolicy load(Path file, FhirContext fhir, RuleCatalog rules) {
        String name = file.getFileName().toString();
        Parameters parameters;
        try {
            parameters = fhir.newJsonParser().setParserErrorHandler(new StrictErrorHandler())
                    .parseResource(Parameters.class, Files.readString(file));
        } catch (IOException | DataFormatException e) {
            throw new KnowledgeException(name, "is not a readable FHIR Parameters resource: " + e.getMessage(), e);
        }
        Map<String, Adjustment> byRule = new LinkedHashMap<>();
        for (Parameters.ParametersParameterComponent rule : parameters.getParameter()) {
            if (rules.find(rule.getName()).isEmpty()) {
                throw new KnowledgeException(name, "names rule '" + rule.getName() + "', which is not in the knowledge");
            }
            boolean enabled = true;
            Optional<Indicator> indicator = Optional.empty();
            for (Parameters.ParametersParameterComponent part : rule.getPart()) {
                switch (part.getName()) {
                    case "enabled" -> {
                        if (!(part.getValue() instanceof BooleanType flag)) {
                            throw new KnowledgeException(name, "rule '" + rule.getName() + "': enabled must be a valueBoolean");
                        }
                        enabled = flag.booleanValue();
                    }
                    case "indicator" -> {
                        try {
                            indicator = Optional.of(Indicator.fromCode(part.getValue().primitiveValue()));
                        } catch (IllegalArgumentException | NullPointerException e) {
                            throw new KnowledgeException(name, "rule '" + rule.getName()
                                    + "': indicator must be info or warning");
                        }
                        // clinical-v2.md 1.2: a site may lower an indicator, never raise one to critical
                        if (indicator.get() == Indicator.CRITICAL) {
                            throw new KnowledgeException(name, "rule '" + rule.getName()
                                    + "': a site policy may lower an indicator but never set critical");
                        }
                    }
                    default -> throw new KnowledgeException(name, "rule '" + rule.getName() + "': unknown part '"
                            + part.getName() + "' (expected enabled or indicator)");
                }
            }
            byRule.put(rule.getName(), new Adjustment(enabled, indicator));
        }
        return new SitePolicy(byRule);
    }

    /** False if the site switched the rule off. */
    public boolean enabled(String ruleId) {
        return !byRule.containsKey(ruleId) || byRule.get(ruleId).enabled();
    }

    /** The site's indicator for the rule, if it sets one; otherwise the rule's own stays. */
    public Optional<Indicator> indicator(String ruleId) {
        return byRule.containsKey(ruleId) ? byRule.get(ruleId).indicator() : Optional.empty();
    }
}
