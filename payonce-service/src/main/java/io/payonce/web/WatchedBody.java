package io.payonce.web;

import java.io.IOException;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A request whose body is read through a {@link Watch}: the one wrapper the body filters share
 * (its size limit, its time limit), so each says only what it checks around a read.
 */
public final class WatchedBody extends HttpServletRequestWrapper {

    /** What a filter checks around each read of the body. */
    public interface Watch {
        /** Before a read; may refuse it. */
        default void beforeRead() throws IOException {
        }

        /** After a read that returned {@code bytes} (more than zero); may refuse what was read. */
        default void afterRead(int bytes) throws IOException {
        }

        /** A read that failed: the exception to throw instead (the same one by default). */
        default IOException failed(IOException failure) {
            return failure;
        }
    }

    private final Watch watch;
    private ServletInputStream stream;

    public WatchedBody(HttpServletRequest request, Watch watch) {
        super(request);
        this.watch = watch;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (stream == null) {
            stream = new WatchedStream(super.getInputStream(), watch);
        }
        return stream;
    }

    private static final class WatchedStream extends ServletInputStream {
        private final ServletInputStream delegate;
        private final Watch watch;

        WatchedStream(ServletInputStream delegate, Watch watch) {
            this.delegate = delegate;
            this.watch = watch;
        }

        @Override
        public int read() throws IOException {
            watch.beforeRead();
            int b;
            try {
                b = delegate.read();
            } catch (IOException e) {
                throw watch.failed(e);
            }
            if (b >= 0) {
                watch.afterRead(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            watch.beforeRead();
            int n;
            try {
                n = delegate.read(buffer, offset, length);
            } catch (IOException e) {
                throw watch.failed(e);
            }
            if (n > 0) {
                watch.afterRead(n);
            }
            return n;
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
