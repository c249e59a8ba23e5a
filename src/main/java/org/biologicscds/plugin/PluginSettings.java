package org.biologicscds.plugin;

import java.util.Objects;
import org.biologicscds.record.FetchSettings;

/**
 * How the plugin acts on a MedicationRequest write.
 *
 * @param rejectCritical when true, a write with a critical finding is refused with 422 unless the
 *                       resource carries the override extension
 *                       ({@link BiologicOrderInterceptor#OVERRIDE_EXTENSION}); when false (the
 *                       default) every write goes through and the findings are only reported
 * @param fetch          how the patient's record is read back from the server (deadline, page cap)
 */
public record PluginSettings(boolean rejectCritical, FetchSettings fetch) {

    public PluginSettings {
        Objects.requireNonNull(fetch, "fetch");
    }

    /** Report findings, reject nothing. */
    public static PluginSettings reporting() {
        return new PluginSettings(false, FetchSettings.defaults());
    }

    /** Report findings and refuse writes with a critical one unless overridden. */
    public static PluginSettings rejectingCritical() {
        return new PluginSettings(true, FetchSettings.defaults());
    }
}
