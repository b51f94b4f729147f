package io.ferry.backend.uring;

import io.ferry.buffer.Buf;

/**
 * {@code PER_CONNECTION}, the textbook completion model: a single-shot recv into a pool buffer the connection
 * owns while the recv waits, a new one posted after each completion. So memory is one buffer per connection
 * with a receive pending; a paused connection gives its buffer back when the cancelled recv ends. Loop thread.
 */
final class PerConnectionReceiver implements UringReceiver {
    private final UringDriver driver;
    /** The buffer the pending recv fills; null while none is pending. */
    private Buf posted;

    PerConnectionReceiver(UringDriver driver) {
        this.driver = driver;
    }

    @Override
    public boolean ready() {
        if (posted == null) {
            posted = driver.loop.pool().acquire();
        }
        return true;
    }

    @Override
    public void arm(int fd, long key) {
        driver.sqe().prepRecv(fd, posted.address(), posted.capacity(), 0).userData(key);
    }

    @Override
    public Buf take(int bytes, int flags) {
        Buf data = posted.writeIndex(bytes);
        posted = null;
        return data;
    }

    @Override
    public void ended() {
        if (posted != null) {
            posted.release();
            posted = null;
        }
    }

    /** Whether a buffer is posted (for tests). */
    boolean holdsBuffer() {
        return posted != null;
    }
}
