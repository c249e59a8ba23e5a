package org.biologicscds.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.ConceptMap;

/**
 * Which rule owns a clinical fact that two rules can see (clinical-v2.md section 1.1, "one card per
 * clinical fact"): read from {@code ConceptMap/one-card-per-fact}, whose elements map an owner rule
 * (source code) to each rule it suppresses (target code), with the fact as the target's comment.
 * Immutable.
 */
public final class OneCardPerFact {

    /** The ConceptMap's canonical URL. */
    public static final String URL = Knowledge.CANONICAL_BASE + "/ConceptMap/one-card-per-fact";

    /**
     * One row of the table: when {@code owner} fires for an order, {@code suppressed} does not speak
     * about the same fact on that order.
     *
     * @param wholeCard true ({@code equivalence} {@code equivalent}) when the two rules describe one fact
     *                  on the order, so the suppressed card goes whenever the owner's fires; false
     *                  ({@code inexact}) when they share evidence, so the suppressed card goes only when
     *                  every record it names is named by the owner's card too
     */
    public record Row(String owner, String suppressed, String fact, boolean wholeCard) {
    }

    private final List<Row> rows;

    OneCardPerFact(List<Row> rows) {
        this.rows = List.copyOf(rows);
    }

    /** No table: every rule speaks for itself. */
    public static OneCardPerFact none() {
        return new OneCardPerFact(List.of());
    }

    /**
     * Reads the table and checks that every rule it names is a rule of the catalogue and that no rule
     * both owns and is suppressed by the same other rule.
     */
    static OneCardPerFact of(ConceptMap map, String file, Set<String> ruleIds) {
        List<Row> rows = new ArrayList<>();
        for (ConceptMap.ConceptMapGroupComponent group : map.getGroup()) {
            if (!KnowledgeLoader.RULE_SYSTEM.equals(group.getSource()) || !KnowledgeLoader.RULE_SYSTEM.equals(group.getTarget())) {
                throw new KnowledgeException(file, "every group must map " + KnowledgeLoader.RULE_SYSTEM + " to itself");
            }
            for (ConceptMap.SourceElementComponent element : group.getElement()) {
                String owner = element.getCode();
                requireRule(file, owner, ruleIds);
                for (ConceptMap.TargetElementComponent target : element.getTarget()) {
                    requireRule(file, target.getCode(), ruleIds);
                    if (!target.hasComment()) {
                        throw new KnowledgeException(file, "'" + owner + "' -> '" + target.getCode()
                                + "' needs a comment naming the clinical fact");
                    }
                    boolean wholeCard = switch (target.getEquivalence() == null ? "" : target.getEquivalence().toCode()) {
                        case "equivalent" -> true;
                        case "inexact" -> false;
                        default -> throw new KnowledgeException(file, "'" + owner + "' -> '" + target.getCode()
                                + "' needs equivalence 'equivalent' (the same fact) or 'inexact' (shared evidence)");
                    };
                    rows.add(new Row(owner, target.getCode(), target.getComment(), wholeCard));
                }
            }
        }
        for (Row row : rows) {
            if (rows.stream().anyMatch(r -> r.owner().equals(row.suppressed()) && r.suppressed().equals(row.owner()))) {
                throw new KnowledgeException(file, "'" + row.owner() + "' and '" + row.suppressed()
                        + "' suppress each other: one of them must own the fact");
            }
        }
        return new OneCardPerFact(rows);
    }

    private static void requireRule(String file, String id, Set<String> ruleIds) {
        if (id == null || !ruleIds.contains(id)) {
            throw new KnowledgeException(file, "names rule '" + id + "', which is not in CodeSystem/biologic-rule");
        }
    }

    public List<Row> rows() {
        return rows;
    }

    /** The rows in which {@code owner} suppresses another rule. */
    public List<Row> ownedBy(String owner) {
        return rows.stream().filter(r -> r.owner().equals(owner)).toList();
    }
}
