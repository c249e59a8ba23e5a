package org.biologicscds.scenarios;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.biologicscds.knowledge.DataNeed;
import org.biologicscds.knowledge.DataNeeds;
import org.biologicscds.record.RecordReads;

/**
 * What the rules read of records while they were evaluated, each read under the ids it was made for,
 * checked against what the knowledge declares ({@link DataNeeds}): a read is covered when the
 * declarations of its reader ids, or the shared ones ({@link DataNeeds#SHARED}), name its resource type
 * either unfiltered or with its value set. Not thread-safe: one per test.
 */
final class RecordedReads implements RecordReads {

    /** One read: for whom, of what, and in which scenario (to find it again). */
    record Read(List<String> readerIds, String resourceType, String valueSetId, String scenario) {
        @Override
        public String toString() {
            return String.join("+", readerIds) + " reads " + resourceType
                    + (valueSetId == null ? " (every one, no value set)" : " in value set " + valueSetId)
                    + " [first in " + scenario + "]";
        }
    }

    private final Set<String> seen = new TreeSet<>();
    private final List<Read> reads = new ArrayList<>();
    private final Set<String> readers = new TreeSet<>();
    private List<String> readerIds = List.of(DataNeeds.SHARED);
    private String scenario = "";

    /** The reads that follow happen while evaluating {@code name}; reads start as the shared reader's. */
    void scenario(String name) {
        this.scenario = name;
        this.readerIds = List.of(DataNeeds.SHARED);
    }

    @Override
    public void reader(List<String> ids) {
        this.readerIds = List.copyOf(ids);
        readers.addAll(ids);
    }

    /** Every id reads were attributed to, whether or not it read anything. */
    Set<String> readers() {
        return new TreeSet<>(readers);
    }

    @Override
    public void read(String resourceType, String valueSetId) {
        if (seen.add(readerIds + "|" + resourceType + "|" + valueSetId)) {
            reads.add(new Read(readerIds, resourceType, valueSetId, scenario));
        }
    }

    /** Every distinct read (reader, type, value set), with the first scenario it was made in. */
    List<Read> reads() {
        return List.copyOf(reads);
    }

    /** The reads {@code needs} does not cover, each saying rule, type and value set. */
    List<Read> undeclared(DataNeeds needs) {
        return reads.stream().filter(read -> !covered(read, needs)).toList();
    }

    private static boolean covered(Read read, DataNeeds needs) {
        List<String> declarers = new ArrayList<>(read.readerIds());
        declarers.add(DataNeeds.SHARED);
        for (String id : declarers) {
            for (DataNeed need : needs.of(id)) {
                if (need.resourceType().equals(read.resourceType())
                        && (need.unfiltered() || need.valueSetId().equals(read.valueSetId()))) {
                    return true;
                }
            }
        }
        return false;
    }
}
