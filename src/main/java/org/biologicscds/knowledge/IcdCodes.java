package org.biologicscds.knowledge;

import java.util.Locale;
import java.util.Set;

/**
 * ICD-10-CM and WHO ICD-10 codes, whose value-set membership is by code prefix (clinical-v2.md
 * section 6): "K51" holds K51.00 and K51.011, written with or without the dot. Codes of these two
 * systems are compared in one form, {@link #normalize}; codes of every other system as written.
 */
final class IcdCodes {

    static final String ICD_10_CM = "http://hl7.org/fhir/sid/icd-10-cm";
    /** WHO ICD-10 (and the Russian МКБ-10), as RU and EU records send it. */
    static final String ICD_10 = "http://hl7.org/fhir/sid/icd-10";
    private static final Set<String> SYSTEMS = Set.of(ICD_10_CM, ICD_10);

    private IcdCodes() {
    }

    /** True for the ICD-10 systems, whose codes are matched by prefix. */
    static boolean isIcd(String system) {
        return system != null && SYSTEMS.contains(system);
    }

    /**
     * The form codes are compared in: for the ICD-10 systems upper case with dots and spaces taken
     * out ("k51.011 " and "K51011" are one code), for other systems the code as written.
     */
    static String normalize(String system, String code) {
        if (!isIcd(system)) {
            return code;
        }
        StringBuilder out = new StringBuilder(code.length());
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c != '.' && !Character.isWhitespace(c)) {
                out.append(c);
            }
        }
        return out.toString().toUpperCase(Locale.ROOT);
    }
}
