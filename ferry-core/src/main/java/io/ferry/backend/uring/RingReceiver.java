package io.ferry.backend.uring;

import static io.ferry.linux.IoUringConstants.IORING_CQE_BUFFER_SHIFT;

import io.ferry.buffer.Buf;

/**
 * {@code PROVIDED_RING} and {@code INCREMENTAL_RING}: a multishot recv that selects from the loop's
 * provided-buffer ring; the ring knows whether it is consumed whole or incrementally. One per loop, shared by
 * its connections. Loop thread only.
 */
final class RingReceiver implements UringReceiver {
    private final UringDriver driver;
    private final RecvBufferRing ring;

    RingReceiver(UringDriver driver, RecvBufferRing ring) {
        this.driver = driver;
        this.ring = ring;
    }

    @Override
    public boolean ready() {
        return ring.available() > 0;
    }

    @Override
    public void arm(int fd, long key) {
        driver.sqe().prepRecvMultishot(fd, ring.groupId(), 0).userData(key);
    }

    @Override
    public Buf take(int bytes, int flags) {
        return ring.take(flags >>> IORING_CQE_BUFFER_SHIFT, bytes, flags);
    }
}
