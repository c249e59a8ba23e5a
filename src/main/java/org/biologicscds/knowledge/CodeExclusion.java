package org.biologicscds.knowledge;

/**
 * A code a value set takes out ({@code compose.exclude}): one code ({@code concept}), or for the
 * ICD-10 systems a code and every code under it ({@code filter concept is-a}). Exclusions win over
 * inclusions of the same value set (FHIR R4 ValueSet.compose.exclude).
 *
 * @param system the code system
 * @param code   the code, normalized ({@link IcdCodes#normalize})
 * @param isA    true when the codes under {@code code} are taken out too
 */
record CodeExclusion(String system, String code, boolean isA) {

    /** True if this takes out the code, given normalized. */
    boolean excludes(String codeSystem, String normalizedCode) {
        return system.equals(codeSystem) && (isA ? normalizedCode.startsWith(code) : normalizedCode.equals(code));
    }
}
