package io.ferry.linux.uring;

import io.ferry.linux.Errno;
import io.ferry.linux.IoUringConstants;
import io.ferry.linux.IoUringProbeLayout;
import io.ferry.linux.NativeIoException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Which io_uring opcodes this kernel supports, from IORING_REGISTER_PROBE (kernel 5.6). Immutable; any thread.
 */
public final class IoUringProbe {
    private static final int MAX_OPS = 256;

    private final int lastOp;
    private final boolean[] supported;

    private IoUringProbe(int lastOp, boolean[] supported) {
        this.lastOp = lastOp;
        this.supported = supported;
    }

    /**
     * Probes through {@code ring}.
     *
     * @throws NativeIoException -EINVAL on kernels before 5.6
     */
    public static IoUringProbe of(IoUring ring) throws NativeIoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment probe = a.allocate(IoUringProbeLayout.SIZE + (long) MAX_OPS * IoUringProbeLayout.OP_SIZE);
            Errno.check("io_uring_register(PROBE)",
                ring.register(IoUringConstants.IORING_REGISTER_PROBE, probe.address(), MAX_OPS));
            int opsLen = IoUringProbeLayout.opsLen(probe);
            boolean[] supported = new boolean[MAX_OPS];
            for (int i = 0; i < opsLen; i++) {
                supported[i] = (IoUringProbeLayout.opFlags(probe, i) & IoUringConstants.IO_URING_OP_SUPPORTED) != 0;
            }
            return new IoUringProbe(IoUringProbeLayout.lastOp(probe), supported);
        }
    }

    /** Probes through a short-lived two-entry ring. */
    public static IoUringProbe probe() throws NativeIoException {
        try (IoUring ring = IoUring.setup(2, 0, 0)) {
            return of(ring);
        }
    }

    /** Returns true when {@code opcode} (an IORING_OP_* value) is supported. */
    public boolean isSupported(int opcode) {
        return opcode >= 0 && opcode < MAX_OPS && supported[opcode];
    }

    /** Returns the highest opcode the kernel knows. */
    public int lastOp() {
        return lastOp;
    }
}
