package org.biologicscds.hooks;

/** Where a card's advice comes from. {@code topic} names the rule that fired. */
public record Source(String label, String url, String icon, Coding topic) {
}
