package org.biologicscds.sandbox;

import java.text.Normalizer;
import java.util.Locale;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Reference;

/** FHIR R4 search matching for token, reference, string and uri parameters (R4 "Search", 3.1.1.4). */
final class ValueMatch {

    private ValueMatch() {
    }

    /**
     * {@code [system]|[code]}, {@code |[code]} (no system), {@code [system]|} (any code of the
     * system) or {@code [code]} (any system). With {@code :text}, the words match the concept's
     * text or a coding's display.
     */
    static boolean token(IBase value, String query, boolean text) {
        if (text) {
            String words = normalize(unescape(query));
            if (value instanceof CodeableConcept concept) {
                return normalize(concept.getText()).contains(words)
                        || concept.getCoding().stream().anyMatch(c -> normalize(c.getDisplay()).contains(words));
            }
            return value instanceof Coding coding && normalize(coding.getDisplay()).contains(words);
        }
        int bar = unescapedBar(query);
        String system = bar < 0 ? null : unescape(query.substring(0, bar));
        String code = unescape(bar < 0 ? query : query.substring(bar + 1));
        if (value instanceof CodeableConcept concept) {
            return concept.getCoding().stream().anyMatch(c -> codeMatches(c.getSystem(), c.getCode(), system, code));
        }
        if (value instanceof Coding coding) {
            return codeMatches(coding.getSystem(), coding.getCode(), system, code);
        }
        if (value instanceof Identifier identifier) {
            return codeMatches(identifier.getSystem(), identifier.getValue(), system, code);
        }
        if (value instanceof ContactPoint contact) {
            return codeMatches(contact.hasSystem() ? contact.getSystem().toCode() : null, contact.getValue(), system, code);
        }
        if (value instanceof PrimitiveType<?> primitive) {
            return (system == null || system.isEmpty()) && code.equals(primitive.primitiveValue());
        }
        return false;
    }

    private static boolean codeMatches(String hasSystem, String hasCode, String system, String code) {
        boolean systemOk = system == null || (system.isEmpty() ? hasSystem == null || hasSystem.isEmpty()
                : system.equals(hasSystem));
        return systemOk && (code.isEmpty() ? system != null && !system.isEmpty() : code.equals(hasCode));
    }

    /**
     * {@code Type/id}, an absolute URL ending in {@code Type/id}, or a bare {@code id} (then the
     * reference's type must be {@code targetType} when one is given: {@code patient=123} means a Patient).
     */
    static boolean reference(IBase value, String query, String targetType) {
        String wanted = unescape(query);
        String actual;
        if (value instanceof Reference reference) {
            actual = reference.getReference();
        } else if (value instanceof PrimitiveType<?> uri) {
            return wanted.equals(uri.primitiveValue());
        } else {
            return false;
        }
        if (actual == null) {
            return false;
        }
        String[] has = typeAndId(actual);
        String[] want = typeAndId(wanted);
        if (has == null) {
            return actual.equals(wanted);
        }
        if (want == null) {
            return has[1].equals(wanted) && (targetType == null || targetType.equals(has[0]));
        }
        return has[0].equals(want[0]) && has[1].equals(want[1]);
    }

    /** {type, id} of {@code [base/]Type/id[/_history/v]}, or null. */
    private static String[] typeAndId(String reference) {
        String ref = reference;
        int history = ref.indexOf("/_history");
        if (history >= 0) {
            ref = ref.substring(0, history);
        }
        String[] parts = ref.split("/");
        if (parts.length < 2 || parts[parts.length - 2].isEmpty()
                || !Character.isUpperCase(parts[parts.length - 2].charAt(0))) {
            return null;
        }
        return new String[] {parts[parts.length - 2], parts[parts.length - 1]};
    }

    /** FHIR string search: starts with, ignoring case and accents; {@code :exact} equals; {@code :contains}. */
    static boolean string(IBase value, String query, String modifier) {
        String wanted = unescape(query);
        for (String text : strings(value)) {
            boolean match = switch (modifier) {
                case "exact" -> text.equals(wanted);
                case "contains" -> normalize(text).contains(normalize(wanted));
                default -> normalize(text).startsWith(normalize(wanted));
            };
            if (match) {
                return true;
            }
        }
        return false;
    }

    private static java.util.List<String> strings(IBase value) {
        java.util.List<String> texts = new java.util.ArrayList<>();
        if (value instanceof HumanName name) {
            texts.add(name.getFamily());
            name.getGiven().forEach(g -> texts.add(g.getValue()));
            texts.add(name.getText());
            name.getPrefix().forEach(p -> texts.add(p.getValue()));
        } else if (value instanceof Address address) {
            address.getLine().forEach(l -> texts.add(l.getValue()));
            texts.add(address.getCity());
            texts.add(address.getState());
            texts.add(address.getPostalCode());
            texts.add(address.getCountry());
            texts.add(address.getText());
        } else if (value instanceof PrimitiveType<?> primitive) {
            texts.add(primitive.primitiveValue());
        }
        texts.removeIf(t -> t == null || t.isEmpty());
        return texts;
    }

    /** URI search: the same text. */
    static boolean uri(IBase value, String query) {
        return value instanceof PrimitiveType<?> primitive && unescape(query).equals(primitive.primitiveValue());
    }

    static String normalize(String text) {
        if (text == null) {
            return "";
        }
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }

    private static int unescapedBar(String query) {
        for (int i = 0; i < query.length(); i++) {
            if (query.charAt(i) == '\\') {
                i++;
            } else if (query.charAt(i) == '|') {
                return i;
            }
        }
        return -1;
    }

    static String unescape(String text) {
        return text.replaceAll("\\\\([,$|\\\\])", "$1");
    }
}
