package org.biologicscds.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The interop fixtures written by other systems, {@code ../shared/fixtures} beside the clone (CI has
 * them; a clone of this repository alone does not). Tests that read them carry
 * {@link NeedsSharedFixtures} and are reported as skipped, by name, when the folder is absent; what
 * they check is also covered by the project's own data under {@code src/test/resources/interop/}.
 * Never copied into the repository, never edited by tests.
 */
public final class SharedFixtures {

    private SharedFixtures() {
    }

    /** The folder: {@code -Dshared.dir} (Maven passes {@code ../shared}) plus {@code fixtures}. */
    public static Path folder() {
        return Path.of(System.getProperty("shared.dir", "../shared")).resolve("fixtures");
    }

    /** Whether the folder is there: the condition of {@link NeedsSharedFixtures}. */
    public static boolean present() {
        return Files.isDirectory(folder());
    }
}
