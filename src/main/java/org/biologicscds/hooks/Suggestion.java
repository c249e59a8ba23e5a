package org.biologicscds.hooks;

import java.util.List;

/** A suggested set of actions the clinician can accept with one click. */
public record Suggestion(String label, String uuid, Boolean isRecommended, List<Action> actions) {

    public Suggestion {
        actions = List.copyOf(actions);
    }
}
