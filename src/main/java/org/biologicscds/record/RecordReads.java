package org.biologicscds.record;

import java.util.List;

/**
 * Told of every read of a patient's record, to check that the rules read only what their
 * PlanDefinitions declare ({@code action.input}). A read is a resource type, with the value set the
 * resources are selected by, or none when every resource of the type is looked at. {@link #reader}
 * says whose reads follow: the rule ids of the rule being evaluated, or the shared machinery. The
 * service runs with {@link #NONE}; an observer is per evaluation and need not be thread-safe.
 */
public interface RecordReads {

    /** Observes nothing: the record is read at no extra cost. */
    RecordReads NONE = new RecordReads() {
        @Override
        public void reader(List<String> readerIds) {
        }

        @Override
        public void read(String resourceType, String valueSetId) {
        }
    };

    /** The reads that follow are made on behalf of these ids (a rule's ids, or the shared reader's). */
    void reader(List<String> readerIds);

    /** Resources of {@code resourceType} were read: those in {@code valueSetId}, or all when it is null. */
    void read(String resourceType, String valueSetId);
}
