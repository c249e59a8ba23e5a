package org.biologicscds.guidance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.RuleParameters;

/**
 * The indication names a rule shows, from its repeated {@code indication-name} parameter
 * ({@code "crohns-disease: Crohn's disease"}): the key is the indication's value set, checked to be
 * loaded, so a typo fails the start.
 */
final class IndicationTable {

    private final Map<String, String> names = new LinkedHashMap<>();

    IndicationTable(Knowledge knowledge, String ruleId) {
        RuleParameters parameters = knowledge.parameters(ruleId);
        for (String row : parameters.strings("indication-name")) {
            int colon = row.indexOf(':');
            if (colon <= 0) {
                throw parameters.invalid("indication-name", "must read '<value set id>: <name>', not '" + row + "'");
            }
            String id = row.substring(0, colon).strip();
            if (!knowledge.valueSets().has(id)) {
                throw parameters.invalid("indication-name", "names value set '" + id + "', which is not loaded");
            }
            names.put(id, row.substring(colon + 1).strip());
        }
    }

    /** Every indication value set of the table, in file order. */
    List<String> valueSets() {
        return List.copyOf(names.keySet());
    }

    /** The name clinicians use for the indication, e.g. "Crohn's disease". */
    String name(String valueSetId) {
        return names.getOrDefault(valueSetId, valueSetId);
    }

    /** Requires that {@code valueSetId} is an indication of the table (for rows that refer to it). */
    void require(RuleParameters parameters, String parameterName, String valueSetId) {
        if (!names.containsKey(valueSetId)) {
            throw parameters.invalid(parameterName, "names indication '" + valueSetId
                    + "', which has no indication-name row");
        }
    }
}
