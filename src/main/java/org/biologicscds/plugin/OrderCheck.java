package org.biologicscds.plugin;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.biologicscds.hooks.Card;
import org.biologicscds.hooks.Indicator;

/**
 * What checking one MedicationRequest gave: the cards of the guidance (empty when the order is no
 * biologic or nothing applies), or why the check could not run. A check that could not run is
 * never an all-clear (style habit 2): the plugin refuses or flags the write.
 *
 * @param cards       the findings as CDS Hooks cards, most urgent first
 * @param couldNotRun why the checks could not run, with its code; empty if they ran
 */
record OrderCheck(List<Card> cards, Optional<NotChecked> couldNotRun) {

    /** Codes of why an order was not checked, as the CDS path answers them (412 BCDS-2002 / BCDS-2004). */
    static final String RECORD_UNREADABLE = "BCDS-2002";
    static final String DRUG_UNRESOLVED = "BCDS-2004";

    /**
     * @param code   {@link #RECORD_UNREADABLE} or {@link #DRUG_UNRESOLVED}
     * @param reason why, naming no patient data
     */
    record NotChecked(String code, String reason) {
        NotChecked {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(reason, "reason");
        }
    }

    OrderCheck {
        cards = List.copyOf(cards);
        Objects.requireNonNull(couldNotRun, "couldNotRun");
    }

    static OrderCheck ran(List<Card> cards) {
        return new OrderCheck(cards, Optional.empty());
    }

    static OrderCheck recordUnreadable(String reason) {
        return new OrderCheck(List.of(), Optional.of(new NotChecked(RECORD_UNREADABLE, reason)));
    }

    static OrderCheck drugUnresolved(String reason) {
        return new OrderCheck(List.of(), Optional.of(new NotChecked(DRUG_UNRESOLVED, reason)));
    }

    boolean hasCritical() {
        return cards.stream().anyMatch(c -> c.indicator() == Indicator.CRITICAL);
    }
}
