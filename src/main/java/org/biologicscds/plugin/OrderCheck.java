package org.biologicscds.plugin;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.biologicscds.hooks.Card;
import org.biologicscds.hooks.Indicator;

/**
 * What checking one MedicationRequest gave: the cards of the guidance (empty when the order is no
 * biologic or nothing applies), or why the check could not run.
 *
 * @param cards        the findings as CDS Hooks cards, most urgent first
 * @param couldNotRun  why the checks could not run (no patient, the record could not be read); empty if they ran
 */
record OrderCheck(List<Card> cards, Optional<String> couldNotRun) {

    OrderCheck {
        cards = List.copyOf(cards);
        Objects.requireNonNull(couldNotRun, "couldNotRun");
    }

    static OrderCheck ran(List<Card> cards) {
        return new OrderCheck(cards, Optional.empty());
    }

    static OrderCheck notRun(String reason) {
        return new OrderCheck(List.of(), Optional.of(reason));
    }

    boolean hasCritical() {
        return cards.stream().anyMatch(c -> c.indicator() == Indicator.CRITICAL);
    }
}
