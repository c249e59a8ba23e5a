package org.biologicscds.feedback;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Renders a {@link FeedbackReport} as a plain-text table for a terminal. Stateless. */
public final class ReportTable {

    private static final String[] HEADERS = {"rule", "issued", "accepted", "overridden", "override rate",
        "top override reasons"};

    private ReportTable() {
    }

    public static String render(FeedbackReport report) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADERS);
        for (FeedbackReport.RuleStats rule : report.rules()) {
            rows.add(new String[] {rule.ruleId(), Long.toString(rule.issued()), Long.toString(rule.accepted()),
                Long.toString(rule.overridden()),
                rule.overrideRate() == null ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * rule.overrideRate()),
                rule.topOverrideReasons().isEmpty() ? "-" : rule.topOverrideReasons().stream()
                        .map(r -> r.label() + " (" + r.count() + ")").collect(Collectors.joining(", "))});
        }
        int[] widths = new int[HEADERS.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("Feedback by rule").append(report.since() == null ? "" : " since " + report.since())
                .append(" (override rate = overridden / (accepted + overridden))\n");
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                // Names left-aligned, numbers right-aligned; the last column is not padded.
                boolean text = i == 0 || i == row.length - 1;
                String cell = i == row.length - 1 ? row[i]
                        : text ? pad(row[i], widths[i], false) : pad(row[i], widths[i], true);
                line.append(i == 0 ? "" : "  ").append(cell);
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        if (report.rules().isEmpty()) {
            out.append("(no cards issued and no feedback in this period)\n");
        }
        out.append("Feedback on cards not in the issued-card log: ").append(report.unmatched().accepted())
                .append(" accepted, ").append(report.unmatched().overridden()).append(" overridden\n");
        return out.toString();
    }

    private static String pad(String text, int width, boolean right) {
        String fill = " ".repeat(width - text.length());
        return right ? fill + text : text + fill;
    }
}
