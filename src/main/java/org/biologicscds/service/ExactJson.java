package org.biologicscds.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Whether two JSON trees are the same document, stricter than {@link JsonNode#equals}: members in
 * the same order (Jackson's equals ignores it), numbers of the same kind and value, a decimal also
 * with the same scale ({@code 1.0} and {@code 1.00} differ, as they do to a FHIR decimal; Jackson's
 * equals calls them equal), {@code -0.0} apart from {@code 0.0}. HAPI's parser reads the request's
 * tree itself ({@code FhirReader}), so two trees this calls the same are the same input to it: only
 * they may share a run-ahead record.
 */
final class ExactJson {

    private ExactJson() {
    }

    static boolean same(JsonNode a, JsonNode b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null || a.getClass() != b.getClass() || a.size() != b.size()) {
            return false;
        }
        if (a.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> left = a.properties().iterator();
            Iterator<Map.Entry<String, JsonNode>> right = b.properties().iterator();
            while (left.hasNext()) {
                Map.Entry<String, JsonNode> l = left.next();
                Map.Entry<String, JsonNode> r = right.next();
                if (!l.getKey().equals(r.getKey()) || !same(l.getValue(), r.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray()) {
            for (int i = 0; i < a.size(); i++) {
                if (!same(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isNumber()) {
            // Integer, Long, BigInteger, Double (bits), BigDecimal (digits and scale): equals of the same class.
            return a.numberValue().equals(b.numberValue());
        }
        return a.equals(b);
    }
}
