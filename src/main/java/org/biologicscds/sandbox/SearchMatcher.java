package org.biologicscds.sandbox;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Resource;

/**
 * Decides whether a resource matches a {@link Criterion}: evaluates the parameter's expression
 * ({@link SearchPath}) on the resource and compares the values by the parameter's type. Parsed
 * expressions are cached. Thread-safe.
 */
final class SearchMatcher {

    private final Map<String, SearchPath> parsed = new ConcurrentHashMap<>();

    boolean matchesAll(Resource resource, List<Criterion> criteria) {
        return criteria.stream().allMatch(c -> matches(resource, c));
    }

    boolean matches(Resource resource, Criterion criterion) {
        if (criterion.modifier().equals("missing")) {
            boolean wantMissing = Boolean.parseBoolean(criterion.values().get(0));
            return values(resource, criterion).isEmpty() == wantMissing;
        }
        boolean any;
        if (criterion.name().equals("_id")) {
            String id = resource.getIdElement().getIdPart();
            any = criterion.values().stream().anyMatch(v -> ValueMatch.unescape(v).equals(id));
        } else {
            List<Base> values = values(resource, criterion);
            any = criterion.values().stream().anyMatch(v -> values.stream().anyMatch(value -> matches(value, criterion, v)));
        }
        return criterion.modifier().equals("not") != any;
    }

    private static boolean matches(Base value, Criterion criterion, String query) {
        return switch (criterion.type()) {
            case TOKEN -> ValueMatch.token(value, query, criterion.modifier().equals("text"));
            case REFERENCE -> ValueMatch.reference(value, query, criterion.name().equals("patient") ? "Patient"
                    : criterion.modifier().isEmpty() || criterion.modifier().equals("not") ? null : criterion.modifier());
            case DATE -> DateMatch.matches(value, query);
            case STRING -> ValueMatch.string(value, query, criterion.modifier());
            case URI -> ValueMatch.uri(value, query);
            default -> throw new InvalidRequestException("'" + criterion.name() + "' cannot be searched by the sandbox");
        };
    }

    /** The values the criterion's expression selects in the resource. */
    List<Base> values(Resource resource, Criterion criterion) {
        return path(criterion).evaluate(resource);
    }

    /** The parsed expression; a 400 if it is beyond what the sandbox evaluates. */
    SearchPath path(Criterion criterion) {
        return parsed.computeIfAbsent(criterion.path(), path -> {
            try {
                return SearchPath.parse(path);
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("'" + criterion.name() + "' cannot be searched by the sandbox");
            }
        });
    }
}
