package org.biologicscds.sandbox;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * Sends each of the sandbox's answers when it is complete, or when it fills the server's output
 * buffer, rather than a piece on every flush. HAPI's JSON encoder flushes its writer after many of
 * the fields it writes; uncompressed, each flush became a chunk and a system call of its own. An
 * answer that fits the buffer now goes out in one write, with a {@code Content-Length}.
 */
final class BufferedAnswerFilter implements Filter {

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        chain.doFilter(request, new Answer((HttpServletResponse) response));
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
                        // Left to the server: see the class comment.
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
                        // Left to the server: see the class comment.
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
            // Left to the server: see the class comment.
        }
    }
}
