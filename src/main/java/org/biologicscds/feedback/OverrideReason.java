package org.biologicscds.feedback;

import org.biologicscds.hooks.Coding;

/**
 * Why a card was overridden: the reason the user picked ({@code reason}, any Coding, including ones
 * this service never offered) and/or a free-text {@code userComment}. At least one is present.
 *
 * @param reason       may be null when the user only left a comment; when present its code is not blank
 * @param userComment  may be null when the user only picked a reason
 */
public record OverrideReason(Coding reason, String userComment) {

    public OverrideReason {
        if (reason == null && userComment == null) {
            throw new IllegalArgumentException("an override reason needs a reason or a userComment");
        }
    }
}
