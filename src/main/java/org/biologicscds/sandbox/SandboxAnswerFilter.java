package org.biologicscds.sandbox;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.Enumeration;
import org.eclipse.jetty.http.HttpHeader;

/**
 * How the sandbox sends its answers: whole, and uncompressed to a client on this machine.
 *
 * <p>Whole: HAPI's JSON encoder flushes its writer after many of the fields it writes, and each
 * flush became a chunk and a system call of its own. Flushing is now left to the server (its buffer
 * full, or the answer done), so an answer that fits the buffer goes out in one write, with a
 * {@code Content-Length}.
 *
 * <p>Uncompressed on loopback: HAPI's client asks every server for gzip, the service's fetcher
 * included. From the sandbox to a client on the same machine the bytes never cross a network, so
 * deflating and inflating them only cost CPU on both ends, a tenth of a no-prefetch call's
 * (docs/performance.md). The sandbox does not see {@code Accept-Encoding} from such a client; HTTP lets
 * a server answer uncompressed whatever was asked. Decided here rather than in the fetcher, which
 * cannot know whether another server on this machine sends uncompressed answers whole.
 */
final class SandboxAnswerFilter implements Filter {

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        chain.doFilter(fromThisMachine(http) ? new Uncompressed(http) : http, new Answer((HttpServletResponse) response));
    }

    private static boolean fromThisMachine(HttpServletRequest request) {
        String address = request.getRemoteAddr();
        try {
            // An address literal, as the connector gives it: parsed, never looked up.
            return address != null && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;  // not an address we can place: answer as the client asked
        }
    }

    /** The request without its {@code Accept-Encoding}, so HAPI answers it uncompressed. */
    private static final class Uncompressed extends HttpServletRequestWrapper {
        Uncompressed(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getHeader(String name) {
            return HttpHeader.ACCEPT_ENCODING.is(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return HttpHeader.ACCEPT_ENCODING.is(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }
    }

    /** The response with flushes of its writer and stream left to the server (buffer full, or the end). */
    private static final class Answer extends HttpServletResponseWrapper {
        private PrintWriter writer;
        private ServletOutputStream stream;

        Answer(HttpServletResponse response) {
            super(response);
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (writer == null) {
                writer = new PrintWriter(new FilterWriter(super.getWriter()) {
                    @Override
                    public void flush() {
                        // Left to the server: see "Whole" in the class comment.
                    }
                });
            }
            return writer;
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (stream == null) {
                ServletOutputStream out = super.getOutputStream();
                stream = new ServletOutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        out.write(b);
                    }

                    @Override
                    public void write(byte[] bytes, int offset, int length) throws IOException {
                        out.write(bytes, offset, length);
                    }

                    @Override
                    public void flush() {
                        // Left to the server: see "Whole" in the class comment.
                    }

                    @Override
                    public void close() throws IOException {
                        out.close();
                    }

                    @Override
                    public boolean isReady() {
                        return out.isReady();
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        out.setWriteListener(listener);
                    }
                };
            }
            return stream;
        }

        @Override
        public void flushBuffer() {
            // Left to the server: see "Whole" in the class comment.
        }
    }
}
