package org.biologicscds.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The demo EHR page: {@code GET /} answers {@code demo/index.html} from the classpath, {@code GET
 * /demo/NAME.EXT} the other files of that folder (html, css, js, svg only; a flat folder, so no
 * directory listing and no path outside it). Every file is read once, at construction: a file
 * missing from the jar stops the server from being built, not a visitor. Answers carry a strict
 * Content-Security-Policy (same-origin scripts, styles and connections only) and {@code nosniff}.
 * Any other path, or a method other than GET/HEAD, is left to the next handler.
 */
public final class DemoPage extends Handler.Abstract {

    /** The files of the page, by name under {@code demo/}. */
    static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "demo.css", "text/css; charset=utf-8",
            "markdown.js", "text/javascript; charset=utf-8",
            "cards.js", "text/javascript; charset=utf-8",
            "demo.js", "text/javascript; charset=utf-8");

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final Pattern NAME = Pattern.compile("[a-z0-9-]+\\.[a-z]+");

    private final Map<String, byte[]> bodies;

    public DemoPage() {
        this.bodies = FILES.keySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(n -> n, DemoPage::read));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method)) {
            return false;
        }
        String path = Request.getPathInContext(request);
        String name = "/".equals(path) ? "index.html" : path.startsWith("/demo/") ? path.substring(6) : null;
        if (name == null || !NAME.matcher(name).matches() || !bodies.containsKey(name)) {
            return false;
        }
        byte[] body = bodies.get(name);
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, FILES.get(name));
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.getHeaders().put("Referrer-Policy", "no-referrer");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, HttpMethod.HEAD.is(method) ? ByteBuffer.allocate(0) : ByteBuffer.wrap(body), callback);
        return true;
    }

    private static byte[] read(String name) {
        try (InputStream in = DemoPage.class.getClassLoader().getResourceAsStream("demo/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the demo page file 'demo/" + name + "' is not on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the demo page file 'demo/" + name + "'", e);
        }
    }
}
