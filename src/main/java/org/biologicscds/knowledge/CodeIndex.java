package org.biologicscds.knowledge;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The codes of all value sets in one index, each with the value sets (by index) that hold it: the
 * listed codes, the ICD-10 code prefixes ({@link PrefixMember}) and the exclusions that veto
 * matching by name ({@link ValueSetExpansion#vetoes}). A code is looked up once, plus once per
 * prefix of it (at most its length: seven characters for ICD-10-CM), however many value sets there
 * are. Immutable and thread-safe.
 */
final class CodeIndex {

    private record IndexedPrefix(PrefixMember member, int valueSet) {
    }

    private record IndexedVeto(CodeExclusion exclusion, int valueSet) {
    }

    /** System, then code ({@link IcdCodes#normalize}d), to the value sets that list it. */
    private final Map<String, Map<String, BitSet>> byCode;
    /** ICD-10 system, then code prefix, to the value-set members under that prefix. */
    private final Map<String, Map<String, List<IndexedPrefix>>> byPrefix;
    /** System, then excluded code (or prefix), to the value sets that exclude it. */
    private final Map<String, Map<String, List<IndexedVeto>>> vetoes;

    /** Indexes the expansions; each one's index in the list is its bit in the answers. */
    CodeIndex(List<ValueSetExpansion> expansions) {
        Map<String, Map<String, BitSet>> codes = new HashMap<>();
        Map<String, Map<String, List<IndexedPrefix>>> prefixes = new HashMap<>();
        Map<String, Map<String, List<IndexedVeto>>> excluded = new HashMap<>();
        for (int i = 0; i < expansions.size(); i++) {
            ValueSetExpansion expansion = expansions.get(i);
            for (var concept : expansion.concepts()) {
                if (concept.getSystem() != null && concept.getCode() != null) {
                    codes.computeIfAbsent(concept.getSystem(), s -> new HashMap<>())
                            .computeIfAbsent(IcdCodes.normalize(concept.getSystem(), concept.getCode()), c -> new BitSet())
                            .set(i);
                }
            }
            for (PrefixMember member : expansion.prefixes()) {
                prefixes.computeIfAbsent(member.system(), s -> new HashMap<>())
                        .computeIfAbsent(member.prefix(), p -> new ArrayList<>()).add(new IndexedPrefix(member, i));
            }
            for (CodeExclusion veto : expansion.vetoes()) {
                excluded.computeIfAbsent(veto.system(), s -> new HashMap<>())
                        .computeIfAbsent(veto.code(), c -> new ArrayList<>()).add(new IndexedVeto(veto, i));
            }
        }
        this.byCode = freeze(codes);
        this.byPrefix = freezeLists(prefixes);
        this.vetoes = freezeLists(excluded);
    }

    private static Map<String, Map<String, BitSet>> freeze(Map<String, Map<String, BitSet>> bySystem) {
        Map<String, Map<String, BitSet>> frozen = new HashMap<>();
        bySystem.forEach((system, byCode) -> frozen.put(system, Map.copyOf(byCode)));
        return Map.copyOf(frozen);
    }

    private static <T> Map<String, Map<String, List<T>>> freezeLists(Map<String, Map<String, List<T>>> bySystem) {
        Map<String, Map<String, List<T>>> frozen = new HashMap<>();
        bySystem.forEach((system, byCode) -> {
            Map<String, List<T>> inner = new HashMap<>();
            byCode.forEach((code, list) -> inner.put(code, List.copyOf(list)));
            frozen.put(system, Map.copyOf(inner));
        });
        return Map.copyOf(frozen);
    }

    /** Sets the bits of the value sets that hold the code (normalized): listed, or under a prefix and not excluded. */
    void addHolders(String system, String code, BitSet out) {
        Map<String, BitSet> listed = byCode.get(system);
        BitSet holders = listed == null ? null : listed.get(code);
        if (holders != null) {
            out.or(holders);
        }
        Map<String, List<IndexedPrefix>> underPrefix = byPrefix.get(system);
        if (underPrefix != null) {
            for (int length = 1; length <= code.length(); length++) {
                List<IndexedPrefix> members = underPrefix.get(code.substring(0, length));
                if (members != null) {
                    for (IndexedPrefix indexed : members) {
                        if (indexed.member().holds(code)) {
                            out.set(indexed.valueSet());
                        }
                    }
                }
            }
        }
    }

    /** Sets the bits of the value sets that exclude the code (normalized), whose names then do not count. */
    void addVetoes(String system, String code, BitSet out) {
        Map<String, List<IndexedVeto>> excluded = vetoes.get(system);
        if (excluded != null) {
            for (int length = 1; length <= code.length(); length++) {
                List<IndexedVeto> candidates = excluded.get(code.substring(0, length));
                if (candidates != null) {
                    for (IndexedVeto candidate : candidates) {
                        if (candidate.exclusion().excludes(system, code)) {
                            out.set(candidate.valueSet());
                        }
                    }
                }
            }
        }
    }
}
