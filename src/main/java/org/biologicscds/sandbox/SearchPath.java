package org.biologicscds.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Reference;

/**
 * The subset of FHIRPath that R4's search parameter expressions use, evaluated directly on the
 * model: unions ({@code a | b}), navigation ({@code Observation.code}, choice elements by their base
 * name), type filters ({@code (Observation.value as CodeableConcept)}, {@code .as(dateTime)},
 * {@code .ofType(Period)}), {@code .where(resolve() is Patient)} (the reference's own type) and
 * {@code .where(system='email')}. Anything else cannot be parsed, and the parameter is refused.
 * A full FHIRPath engine would load every StructureDefinition of R4 first: seconds at start, for
 * nothing these expressions need. Immutable.
 */
final class SearchPath {

    private sealed interface Step permits Navigate, OfType, ResolveIs, WhereEquals {
    }

    private record Navigate(String name) implements Step {
    }

    private record OfType(String type) implements Step {
    }

    private record ResolveIs(String type) implements Step {
    }

    private record WhereEquals(String child, String value) implements Step {
    }

    private record Alternative(String root, List<Step> steps) {
    }

    private static final Pattern AS = Pattern.compile("^(.*?)\\s+as\\s+([A-Za-z]+)$");
    private static final Pattern FUNCTION = Pattern.compile("^(as|ofType)\\(([A-Za-z]+)\\)$");
    private static final Pattern RESOLVE_IS = Pattern.compile("^where\\(resolve\\(\\) is ([A-Za-z]+)\\)$");
    private static final Pattern WHERE_EQUALS = Pattern.compile("^where\\(([a-z][A-Za-z]*)='([^']*)'\\)$");
    private static final Pattern NAME = Pattern.compile("^[a-z][A-Za-z0-9]*$");

    private final List<Alternative> alternatives;

    private SearchPath(List<Alternative> alternatives) {
        this.alternatives = List.copyOf(alternatives);
    }

    /** Parses an expression; throws {@link IllegalArgumentException} for what this subset does not cover. */
    static SearchPath parse(String expression) {
        List<Alternative> alternatives = new ArrayList<>();
        for (String part : expression.split("\\|")) {
            alternatives.add(alternative(part.trim()));
        }
        return new SearchPath(alternatives);
    }

    private static Alternative alternative(String text) {
        List<Step> steps = new ArrayList<>();
        String chain = text;
        String rest = "";
        String castTo = null;
        if (text.startsWith("(")) {
            int close = text.indexOf(')');
            Matcher as = AS.matcher(text.substring(1, close));
            if (!as.matches()) {
                throw new IllegalArgumentException(text);
            }
            chain = as.group(1);
            castTo = as.group(2);
            rest = text.substring(close + 1);
        }
        String[] segments = chain.split("\\.");
        String root = segments[0];
        if (!root.matches("[A-Z][A-Za-z]+")) {
            throw new IllegalArgumentException(text);
        }
        for (int i = 1; i < segments.length; i++) {
            steps.add(step(segments[i], text));
        }
        if (castTo != null) {
            steps.add(new OfType(castTo));
        }
        if (!rest.isEmpty()) {
            if (!rest.startsWith(".")) {
                throw new IllegalArgumentException(text);
            }
            for (String segment : rest.substring(1).split("\\.")) {
                steps.add(step(segment, text));
            }
        }
        return new Alternative(root, steps);
    }

    private static Step step(String segment, String text) {
        Matcher m;
        if ((m = FUNCTION.matcher(segment)).matches()) {
            return new OfType(m.group(2));
        }
        if ((m = RESOLVE_IS.matcher(segment)).matches()) {
            return new ResolveIs(m.group(1));
        }
        if ((m = WHERE_EQUALS.matcher(segment)).matches()) {
            return new WhereEquals(m.group(1), m.group(2));
        }
        if (NAME.matcher(segment).matches()) {
            return new Navigate(segment);
        }
        throw new IllegalArgumentException(text);
    }

    /** The values the expression selects in {@code resource}, in document order. */
    List<Base> evaluate(Base resource) {
        List<Base> out = new ArrayList<>();
        for (Alternative alternative : alternatives) {
            if (!alternative.root().equals(resource.fhirType()) && !alternative.root().equals("Resource")
                    && !alternative.root().equals("DomainResource")) {
                continue;
            }
            List<Base> current = List.of(resource);
            for (Step step : alternative.steps()) {
                current = apply(step, current);
            }
            out.addAll(current);
        }
        return out;
    }

    private static List<Base> apply(Step step, List<Base> input) {
        List<Base> out = new ArrayList<>();
        for (Base item : input) {
            if (step instanceof Navigate navigate) {
                out.addAll(children(item, navigate.name()));
            } else if (step instanceof OfType ofType) {
                if (item.fhirType().equals(ofType.type())) {
                    out.add(item);
                }
            } else if (step instanceof ResolveIs resolveIs) {
                if (item instanceof Reference reference && reference.hasReference()
                        && isOfType(reference.getReference(), resolveIs.type())) {
                    out.add(item);
                }
            } else if (step instanceof WhereEquals where) {
                if (children(item, where.child()).stream()
                        .anyMatch(child -> child.isPrimitive() && where.value().equals(child.primitiveValue()))) {
                    out.add(item);
                }
            }
        }
        return out;
    }

    private static List<Base> children(Base item, String name) {
        Property property = item.getNamedProperty(name);
        return property == null ? List.of() : property.getValues().stream().filter(v -> v != null && !v.isEmpty()).toList();
    }

    private static boolean isOfType(String reference, String type) {
        return reference.startsWith(type + "/") || reference.contains("/" + type + "/");
    }
}
