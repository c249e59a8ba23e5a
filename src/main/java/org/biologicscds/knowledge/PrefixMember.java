package org.biologicscds.knowledge;

import java.util.List;

/**
 * The codes of an ICD-10 system under one code ({@code compose.include.filter}: property
 * {@code concept}, op {@code is-a}, value {@code K51}), less the exclusions of the value set that
 * includes them and of every value set that includes that one.
 *
 * @param system     an ICD-10 system ({@link IcdCodes#isIcd})
 * @param prefix     the code, normalized ({@link IcdCodes#normalize})
 * @param exclusions the exclusions that apply to this member
 */
record PrefixMember(String system, String prefix, List<CodeExclusion> exclusions) {

    PrefixMember {
        exclusions = List.copyOf(exclusions);
    }

    /** True if the code, normalized, starts with the prefix and no exclusion takes it out. */
    boolean holds(String normalizedCode) {
        return normalizedCode.startsWith(prefix) && !excluded(exclusions, system, normalizedCode);
    }

    /** This member as included by a value set whose own exclusions are {@code more}. */
    PrefixMember excluding(List<CodeExclusion> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<CodeExclusion> all = new java.util.ArrayList<>(exclusions);
        all.addAll(more);
        return new PrefixMember(system, prefix, all);
    }

    static boolean excluded(List<CodeExclusion> exclusions, String system, String normalizedCode) {
        for (CodeExclusion exclusion : exclusions) {
            if (exclusion.excludes(system, normalizedCode)) {
                return true;
            }
        }
        return false;
    }
}
