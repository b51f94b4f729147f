package io.ferry.backend.uring;

import io.ferry.linux.uring.IoUringAvailability;
import io.ferry.linux.uring.IoUring;
import io.ferry.linux.uring.IoUringProbe;
import io.ferry.backend.Availability;
import io.ferry.backend.UringReceiveStrategy;
import io.ferry.linux.NativeIoException;
import io.ferry.linux.IoUringConstants;

/**
 * Whether this process can run the io_uring backend: the ring must set up, and the kernel must know
 * the operations the backend relies on. Probed once.
 */
final class UringSupport {
    private static final Availability RESULT = probe();
    private static final Availability INCREMENTAL = probeIncremental();

    private UringSupport() {
    }

    static Availability availability() {
        return RESULT;
    }

    /** Whether the kernel has what {@code strategy} needs beyond the backend itself. */
    static Availability receive(UringReceiveStrategy strategy) {
        if (!RESULT.available()) {
            return RESULT;
        }
        if (strategy != UringReceiveStrategy.INCREMENTAL_RING) {
            return Availability.yes(strategy.description());
        }
        return INCREMENTAL;
    }

    /** A buffer ring registered with IOU_PBUF_RING_INC: the kernel answers EINVAL before 6.12. */
    private static Availability probeIncremental() {
        if (!RESULT.available()) {
            return RESULT;
        }
        try (IoUring r = IoUring.open(8, 0)) {
            r.registerBufferRing(0, 8, IoUringConstants.IOU_PBUF_RING_INC).close();
            return Availability.yes(UringReceiveStrategy.INCREMENTAL_RING.description());
        } catch (NativeIoException e) {
            return Availability.no("kernel refused IOU_PBUF_RING_INC (" + e.errnoName() + "): needs Linux "
                + UringReceiveStrategy.INCREMENTAL_RING.minimumKernel() + " or newer");
        } catch (Exception e) {
            return Availability.no("io_uring probe failed: " + e.getMessage());
        }
    }

    private static Availability probe() {
        IoUringAvailability ring = IoUring.availability();
        if (!ring.isAvailable()) {
            return Availability.no(ring.reason());
        }
        try (IoUring r = IoUring.open(8, 0)) {
            IoUringProbe probe = IoUringProbe.of(r);
            int[] needed = {IoUringConstants.IORING_OP_ACCEPT, IoUringConstants.IORING_OP_RECV,
                IoUringConstants.IORING_OP_SEND, IoUringConstants.IORING_OP_SENDMSG,
                IoUringConstants.IORING_OP_ASYNC_CANCEL, IoUringConstants.IORING_OP_POLL_ADD,
                IoUringConstants.IORING_OP_CONNECT};
            for (int op : needed) {
                if (!probe.isSupported(op)) {
                    return Availability.no("kernel lacks io_uring opcode " + op + " (needs Linux 6.0 or newer)");
                }
            }
            if (!r.hasFeature(IoUringConstants.IORING_FEAT_SUBMIT_STABLE)) {
                return Availability.no("kernel lacks IORING_FEAT_SUBMIT_STABLE (needs Linux 5.5 or newer)");
            }
            r.registerBufferRing(0, 8).close(); // provided-buffer rings: Linux 5.19
            return Availability.yes("io_uring, setup flags 0x" + Integer.toHexString(r.setupFlags())
                + ", features 0x" + Integer.toHexString(r.features()));
        } catch (Exception e) {
            return Availability.no("io_uring probe failed: " + e.getMessage());
        }
    }
}
