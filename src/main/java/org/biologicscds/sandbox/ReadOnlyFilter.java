package org.biologicscds.sandbox;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Keeps the sandbox FHIR server read-only: reads and searches ({@code GET}, {@code HEAD}, and
 * {@code POST .../_search}) pass, every write (create, update, patch, delete, a transaction) is
 * refused with 405 and an OperationOutcome saying why, before HAPI sees it. Used when the service
 * is exposed (bound beyond loopback, or with {@code --trust}) and {@code --sandbox-writable} was not
 * given: anyone who can reach {@code /fhir} could otherwise change the records the demo and the
 * checks read.
 */
final class ReadOnlyFilter implements Filter {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    private static final String REFUSED = """
            {"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"forbidden","diagnostics":\
            "BCDS-1406: the sandbox FHIR server is read-only while the service is exposed (bound beyond loopback or \
            with --trust); serve --sandbox-writable allows writes"}]}""";

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        if (READS.contains(http.getMethod()) || "POST".equals(http.getMethod()) && http.getRequestURI().endsWith("/_search")) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletResponse answer = (HttpServletResponse) response;
        answer.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
        answer.setHeader("Allow", "GET, HEAD");
        answer.setContentType("application/fhir+json;charset=utf-8");
        answer.getOutputStream().write(REFUSED.getBytes(StandardCharsets.UTF_8));
    }
}
