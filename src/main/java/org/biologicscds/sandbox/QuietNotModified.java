package org.biologicscds.sandbox;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.NotModifiedException;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * A browser revalidating what it read ({@code If-None-Match} on a resource it has) gets its 304
 * without a warning in the log. HAPI answers it by throwing {@link NotModifiedException}, and its
 * {@code ExceptionHandlingInterceptor} logs "Failure during REST processing" at WARN for every
 * exception that carries no OperationOutcome yet; running first, this gives the 304 an empty one.
 */
@Interceptor
final class QuietNotModified {

    @Hook(value = Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION, order = -100)
    public BaseServerResponseException notModified(Throwable exception) {
        if (exception instanceof NotModifiedException notModified && notModified.getOperationOutcome() == null) {
            notModified.setOperationOutcome(new OperationOutcome());
        }
        return null;
    }
}
