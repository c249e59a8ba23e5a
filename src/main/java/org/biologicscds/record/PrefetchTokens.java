package org.biologicscds.record;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.biologicscds.hooks.HookContext;

/**
 * The values of the CDS Hooks 2.0 prefetch tokens for one request, and their substitution into
 * prefetch templates.
 *
 * <p>CDS Hooks 2.0, "Prefetch tokens": {@code {{context.<field>}}} for the first-level primitive
 * fields of the hook's context, and {@code {{userPractitionerId}}}, {@code {{userPractitionerRoleId}}},
 * {@code {{userPatientId}}}, {@code {{userRelatedPersonId}}}: the id part of {@code context.userId}
 * when it names a resource of that type. There are no date tokens in 2.0.
 *
 * <p>Values are percent-encoded (all but RFC 3986 unreserved characters and {@code /}), so a value
 * can never add a search parameter or change one. Immutable.
 */
public final class PrefetchTokens {

    private static final Pattern TOKEN = Pattern.compile("\\{\\{\\s*([^{}]+?)\\s*}}");
    private static final Map<String, String> USER_TOKENS = Map.of(
            "Practitioner", "userPractitionerId",
            "PractitionerRole", "userPractitionerRoleId",
            "Patient", "userPatientId",
            "RelatedPerson", "userRelatedPersonId");

    private final Map<String, String> values;

    private PrefetchTokens(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** The tokens of an order or patient hook: its context's primitive fields and the user tokens. */
    public static PrefetchTokens of(HookContext context) {
        Map<String, String> values = new LinkedHashMap<>();
        put(values, "context.userId", context.userId());
        put(values, "context.patientId", context.patientId());
        put(values, "context.encounterId", context.encounterId());
        String userId = context.userId();
        if (userId != null && userId.indexOf('/') > 0) {
            String type = userId.substring(0, userId.indexOf('/'));
            String id = userId.substring(userId.indexOf('/') + 1);
            if (USER_TOKENS.containsKey(type) && !id.isBlank()) {
                values.put(USER_TOKENS.get(type), id);
            }
        }
        return new PrefetchTokens(values);
    }

    /** Only {@code {{context.patientId}}}: for checks that start from a resource, not a hook. */
    public static PrefetchTokens forPatient(String patientId) {
        return new PrefetchTokens(Map.of("context.patientId", patientId));
    }

    private static void put(Map<String, String> values, String token, String value) {
        if (value != null && !value.isBlank()) {
            values.put(token, value);
        }
    }

    /** The template with every token replaced; empty if it uses a token without a value here. */
    public Optional<String> resolve(String template) {
        Matcher matcher = TOKEN.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                return Optional.empty();
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(encode(value)));
        }
        matcher.appendTail(out);
        return Optional.of(out.toString());
    }

    /** The tokens of the template that have no value here, in order of appearance. */
    public Set<String> unresolved(String template) {
        Set<String> missing = new LinkedHashSet<>();
        Matcher matcher = TOKEN.matcher(template);
        while (matcher.find()) {
            if (!values.containsKey(matcher.group(1))) {
                missing.add(matcher.group(1));
            }
        }
        return missing;
    }

    private static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
