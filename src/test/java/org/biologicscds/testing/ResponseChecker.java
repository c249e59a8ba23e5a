package org.biologicscds.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The CDS Hooks 2.0 rules for a service response, checked on any response JSON: never
 * {@code null}, {@code ""}, {@code []} or {@code {}} (except {@code "cards": []}); every card with
 * uuid, summary under 140 characters, a known indicator, a source with label, url (an entry of the
 * source catalogue) and a topic from the rule CodeSystem, and Markdown detail; suggestions with selectionBehavior, at most one
 * recommended under at-most-one, actions with type and description, delete with resourceId;
 * override reasons with display; links with label, url, type, appContext only for smart.
 */
public final class ResponseChecker {

    private static final Set<String> INDICATORS = Set.of("info", "warning", "critical");
    private static final Set<String> ACTION_TYPES = Set.of("create", "update", "delete");
    private static final String RULE_SYSTEM = "http://biologics-cds.org/fhir/CodeSystem/biologic-rule";

    private ResponseChecker() {
    }

    /** Every violation found; empty when the response follows the rules. */
    public static List<String> violations(JsonNode response) {
        List<String> problems = new ArrayList<>();
        JsonNode cards = response.get("cards");
        if (cards == null || !cards.isArray()) {
            problems.add("cards must be an array");
            return problems;
        }
        noEmpties(response, "", problems, true);
        for (int i = 0; i < cards.size(); i++) {
            checkCard(cards.get(i), "cards[" + i + "]", problems);
        }
        return problems;
    }

    private static void checkCard(JsonNode card, String path, List<String> problems) {
        require(card, "uuid", path, problems);
        String summary = card.path("summary").asText("");
        if (summary.isBlank() || summary.length() >= 140) {
            problems.add(path + ".summary must have 1 to 139 characters, has " + summary.length());
        }
        if (!INDICATORS.contains(card.path("indicator").asText())) {
            problems.add(path + ".indicator must be info, warning or critical");
        }
        JsonNode source = card.path("source");
        require(source, "label", path + ".source", problems);
        JsonNode topic = source.path("topic");
        // The card saying a check could not run reports the service, not the patient: it cites no guideline.
        boolean checkNotRun = org.biologicscds.guidance.CheckNotRun.RULE_ID.equals(topic.path("code").asText());
        if (!checkNotRun) {
            require(source, "url", path + ".source", problems);
            // clinical-v2.md 1.5: a card's source comes from the source catalogue only.
            if (source.has("url") && TestKnowledge.get().rules().sourceCatalog().all().stream()
                    .noneMatch(s -> s.url().filter(source.path("url").asText()::equals).isPresent()
                            && s.display().equals(source.path("label").asText()))) {
                problems.add(path + ".source " + source.path("url").asText() + " is not an entry of the source catalogue");
            }
        }
        if (!RULE_SYSTEM.equals(topic.path("system").asText()) || topic.path("code").asText().isBlank()) {
            problems.add(path + ".source.topic must be a Coding of the rule CodeSystem");
        } else if (!checkNotRun && TestKnowledge.get().rules().find(topic.path("code").asText()).isEmpty()) {
            problems.add(path + ".source.topic.code " + topic.path("code").asText() + " is not a known rule");
        }
        require(card, "detail", path, problems);
        JsonNode suggestions = card.path("suggestions");
        if (suggestions.isArray() && !suggestions.isEmpty()) {
            String behavior = card.path("selectionBehavior").asText();
            if (!behavior.equals("at-most-one") && !behavior.equals("any")) {
                problems.add(path + ".selectionBehavior is required with suggestions");
            }
            int recommended = 0;
            for (int s = 0; s < suggestions.size(); s++) {
                JsonNode suggestion = suggestions.get(s);
                String sp = path + ".suggestions[" + s + "]";
                require(suggestion, "label", sp, problems);
                if (suggestion.path("isRecommended").asBoolean(false)) {
                    recommended++;
                }
                JsonNode actions = suggestion.path("actions");
                for (int a = 0; a < actions.size(); a++) {
                    JsonNode action = actions.get(a);
                    String ap = sp + ".actions[" + a + "]";
                    if (!ACTION_TYPES.contains(action.path("type").asText())) {
                        problems.add(ap + ".type must be create, update or delete");
                    }
                    require(action, "description", ap, problems);
                    if (action.path("type").asText().equals("delete")) {
                        require(action, "resourceId", ap, problems);
                    } else if (!action.path("resource").isObject()) {
                        problems.add(ap + ".resource is required for " + action.path("type").asText());
                    }
                }
            }
            if (behavior.equals("at-most-one") && recommended > 1) {
                problems.add(path + ": at most one suggestion may be recommended with at-most-one");
            }
        }
        for (JsonNode reason : card.path("overrideReasons")) {
            if (reason.path("display").asText().isBlank() || reason.path("code").asText().isBlank()) {
                problems.add(path + ".overrideReasons need code and display");
            }
        }
        for (JsonNode link : card.path("links")) {
            require(link, "label", path + ".links", problems);
            require(link, "url", path + ".links", problems);
            String type = link.path("type").asText();
            if (!type.equals("absolute") && !type.equals("smart")) {
                problems.add(path + ".links.type must be absolute or smart");
            }
            if (link.has("appContext") && !type.equals("smart")) {
                problems.add(path + ".links.appContext only with smart links");
            }
        }
    }

    private static void require(JsonNode node, String field, String path, List<String> problems) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
            problems.add(path + "." + field + " is required");
        }
    }

    private static void noEmpties(JsonNode node, String path, List<String> problems, boolean root) {
        if (node.isNull()) {
            problems.add(path + " is null");
        } else if (node.isTextual() && node.asText().isEmpty()) {
            problems.add(path + " is an empty string");
        } else if (node.isArray()) {
            if (node.isEmpty() && !(path.equals(".cards"))) {
                problems.add(path + " is an empty array");
            }
            for (int i = 0; i < node.size(); i++) {
                noEmpties(node.get(i), path + "[" + i + "]", problems, false);
            }
        } else if (node.isObject()) {
            if (node.isEmpty() && !root) {
                problems.add(path + " is an empty object");
            }
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                noEmpties(field.getValue(), path + "." + field.getKey(), problems, false);
            }
        }
    }
}
