package org.biologicscds.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * A test class or method that reads {@link SharedFixtures}: it runs when {@code ../shared/fixtures}
 * is beside the clone and is reported as skipped with this reason when it is not.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@EnabledIf(value = "org.biologicscds.testing.SharedFixtures#present",
        disabledReason = "../shared/fixtures is not beside this clone; src/test/resources/interop covers the same behaviour")
public @interface NeedsSharedFixtures {
}
