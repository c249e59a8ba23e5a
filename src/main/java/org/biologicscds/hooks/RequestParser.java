package org.biologicscds.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a CDS Hooks 2.0 request against the spec and the service it was sent to, and turns it
 * into a {@link HookRequest}. Unknown members and {@code extension} objects are accepted and
 * ignored, as the spec asks. Every violation is a 400 naming the member.
 */
public final class RequestParser {

    private static final String ORDER_SELECT = "order-select";
    private static final String ORDER_SIGN = "order-sign";

    /** Parses {@code root}, sent to {@code service}. */
    public HookRequest parse(JsonNode root, ServiceDefinition service) {
        if (!root.isObject()) {
            throw bad("BCDS-1003", "the request body must be a JSON object");
        }
        String hook = requiredText(root, "hook", "BCDS-1004");
        if (!hook.equals(service.hook())) {
            throw bad("BCDS-1004", "hook '" + hook + "' does not match service '" + service.id()
                    + "', which answers '" + service.hook() + "'");
        }
        String hookInstance = requiredText(root, "hookInstance", "BCDS-1005");
        String fhirServer = optionalText(root, "fhirServer", "BCDS-1006");
        if (fhirServer != null) {
            checkServerUrl(fhirServer);
        }
        FhirAuthorization authorization = parseAuthorization(root.get("fhirAuthorization"));
        if (authorization != null && fhirServer == null) {
            throw bad("BCDS-1007", "fhirAuthorization is present but fhirServer is missing (CDS Hooks 2.0 requires both)");
        }
        JsonNode context = root.get("context");
        if (context == null || !context.isObject()) {
            throw bad("BCDS-1008", "context is required and must be a JSON object");
        }
        HookContext hookContext = parseContext(hook, context);
        return new HookRequest(hook, hookInstance, fhirServer, authorization, hookContext,
                parsePrefetch(root.get("prefetch")));
    }

    private static HookContext parseContext(String hook, JsonNode context) {
        String userId = requiredText(context, "userId", "BCDS-1010", "context.");
        String patientId = stripPrefix(requiredText(context, "patientId", "BCDS-1009", "context."), "Patient/");
        if (patientId.isBlank()) {
            // Found by RequestParserFuzzTest: "Patient/" alone left an empty patient id.
            throw bad("BCDS-1009", "context.patientId must name a patient, e.g. '123' or 'Patient/123'");
        }
        String encounterId = optionalText(context, "encounterId", "BCDS-1009", "context.");
        boolean orderHook = hook.equals(ORDER_SELECT) || hook.equals(ORDER_SIGN);
        JsonNode draftOrders = null;
        List<String> selections = List.of();
        if (orderHook) {
            draftOrders = context.get("draftOrders");
            if (draftOrders == null || !draftOrders.isObject()
                    || !"Bundle".equals(draftOrders.path("resourceType").asText())) {
                throw bad("BCDS-1011", "context.draftOrders is required and must be a FHIR Bundle");
            }
            JsonNode entries = draftOrders.get("entry");
            if (entries != null && !entries.isArray()) {
                throw bad("BCDS-1011", "context.draftOrders.entry must be an array");
            }
        }
        if (hook.equals(ORDER_SELECT)) {
            selections = parseSelections(context.get("selections"), draftOrders);
        }
        return new HookContext(userId, patientId, encounterId, selections, draftOrders);
    }

    private static List<String> parseSelections(JsonNode node, JsonNode draftOrders) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw bad("BCDS-1012", "context.selections is required for order-select and must be a non-empty array");
        }
        Set<String> drafts = new HashSet<>();
        for (JsonNode entry : draftOrders.path("entry")) {
            JsonNode resource = entry.path("resource");
            if (resource.hasNonNull("resourceType") && resource.hasNonNull("id")) {
                drafts.add(resource.get("resourceType").asText() + "/" + resource.get("id").asText());
            }
        }
        List<String> selections = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode selection = node.get(i);
            if (!selection.isTextual()) {
                throw bad("BCDS-1012", "context.selections[" + i + "] must be a string such as 'MedicationRequest/123'");
            }
            if (!drafts.contains(selection.asText())) {
                throw bad("BCDS-1012", "context.selections[" + i + "] does not point to a resource in context.draftOrders");
            }
            selections.add(selection.asText());
        }
        return selections;
    }

    private static FhirAuthorization parseAuthorization(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw bad("BCDS-1013", "fhirAuthorization must be a JSON object");
        }
        String accessToken = requiredText(node, "access_token", "BCDS-1013", "fhirAuthorization.");
        String tokenType = requiredText(node, "token_type", "BCDS-1013", "fhirAuthorization.");
        if (!tokenType.equalsIgnoreCase("Bearer")) {
            throw bad("BCDS-1013", "fhirAuthorization.token_type must be 'Bearer'");
        }
        JsonNode expiresIn = node.get("expires_in");
        if (expiresIn == null || !expiresIn.canConvertToLong()) {
            throw bad("BCDS-1013", "fhirAuthorization.expires_in is required and must be a number of seconds");
        }
        JsonNode scope = node.get("scope");
        if (scope == null || !scope.isTextual()) {
            throw bad("BCDS-1013", "fhirAuthorization.scope is required and must be a string");
        }
        String subject = requiredText(node, "subject", "BCDS-1013", "fhirAuthorization.");
        String patient = optionalText(node, "patient", "BCDS-1013", "fhirAuthorization.");
        return new FhirAuthorization(accessToken, tokenType, expiresIn.asLong(), scope.asText(), subject, patient);
    }

    private static Map<String, JsonNode> parsePrefetch(JsonNode node) {
        Map<String, JsonNode> prefetch = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return prefetch;
        }
        if (!node.isObject()) {
            throw bad("BCDS-1014", "prefetch must be a JSON object");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (!value.isNull() && !value.isObject()) {
                throw bad("BCDS-1014", "prefetch." + field.getKey() + " must be a FHIR resource or null");
            }
            prefetch.put(field.getKey(), value);
        }
        return prefetch;
    }

    private static void checkServerUrl(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (!("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) || uri.getHost() == null) {
                throw bad("BCDS-1006", "fhirServer must be an absolute http or https URL");
            }
        } catch (URISyntaxException e) {
            throw bad("BCDS-1006", "fhirServer must be an absolute http or https URL");
        }
    }

    private static String stripPrefix(String value, String prefix) {
        return value.startsWith(prefix) ? value.substring(prefix.length()) : value;
    }

    private static String requiredText(JsonNode node, String name, String code) {
        return requiredText(node, name, code, "");
    }

    private static String requiredText(JsonNode node, String name, String code, String path) {
        JsonNode value = node.get(name);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw bad(code, path + name + " is required and must be a non-empty string");
        }
        return value.asText();
    }

    private static String optionalText(JsonNode node, String name, String code) {
        return optionalText(node, name, code, "");
    }

    private static String optionalText(JsonNode node, String name, String code, String path) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw bad(code, path + name + " must be a string");
        }
        return value.asText().isBlank() ? null : value.asText();
    }

    private static HookRequestException bad(String code, String message) {
        return HookRequestException.badRequest(code, message);
    }
}
