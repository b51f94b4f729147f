package io.ferry.linux.uring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.ferry.linux.Errno;
import io.ferry.linux.LibC;
import io.ferry.linux.NativeIoException;
import io.ferry.linux.SocketConstants;
import io.ferry.linux.Sockets;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/** Shared helpers for the ring tests: skip without io_uring, wait for completions, make socket pairs. */
public final class RingFixture {
    /** One completion, copied out of the ring. */
    record Cqe(long userData, int res, int flags) {
        boolean has(int flag) {
            return (flags & flag) != 0;
        }
    }

    private static final long WAIT_SLICE_NANOS = 100_000_000L;
    private static final long DEADLINE_NANOS = 5_000_000_000L;

    private RingFixture() {
    }

    /** Opens a ring on the calling thread, or aborts the test when io_uring is unavailable here. */
    public static IoUring openRing(int entries) throws NativeIoException {
        return openRing(entries, 0);
    }

    public static IoUring openRing(int entries, int cqEntries) throws NativeIoException {
        IoUringAvailability availability = IoUring.availability();
        Assumptions.assumeTrue(availability.isAvailable(), availability::toString);
        return IoUring.open(entries, cqEntries);
    }

    /** Submits what is pending and collects exactly {@code count} completions (fails after 5 s). */
    public static List<Cqe> await(IoUring ring, int count) {
        List<Cqe> out = new ArrayList<>();
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        while (out.size() < count) {
            int r = ring.submitAndWait(1, WAIT_SLICE_NANOS);
            if (r < 0 && r != -Errno.ETIME) {
                fail("submitAndWait: " + Errno.name(r));
            }
            ring.forEachCompletion((ud, res, flags) -> out.add(new Cqe(ud, res, flags)), count - out.size());
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + count + " completions; got " + out);
            }
        }
        return out;
    }

    public static Cqe awaitOne(IoUring ring) {
        return await(ring, 1).get(0);
    }

    /** Claims an SQE, failing the test when the SQ is full. */
    public static SubmissionEntry next(IoUring ring) {
        int slot = ring.nextSqe();
        assertTrue(slot >= 0, "SQ full");
        return ring.sqe(slot);
    }

    /** A connected AF_UNIX stream pair (blocking, close-on-exec). */
    public static int[] socketPair() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment fds = a.allocate(ValueLayout.JAVA_INT, 2);
            int r = Sockets.socketpair(SocketConstants.AF_UNIX,
                SocketConstants.SOCK_STREAM | SocketConstants.SOCK_CLOEXEC, 0, fds.address());
            assertEquals(0, r, () -> "socketpair: " + Errno.name(r));
            return new int[] {fds.getAtIndex(ValueLayout.JAVA_INT, 0), fds.getAtIndex(ValueLayout.JAVA_INT, 1)};
        }
    }

    /** Writes a string with write(2). */
    public static void write(int fd, String text) {
        try (Arena a = Arena.ofConfined()) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            MemorySegment buf = a.allocate(bytes.length);
            MemorySegment.copy(bytes, 0, buf, ValueLayout.JAVA_BYTE, 0, bytes.length);
            assertEquals(bytes.length, LibC.write(fd, buf.address(), bytes.length));
        }
    }

    public static String string(MemorySegment seg, long offset, int len) {
        byte[] bytes = new byte[len];
        MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, offset, bytes, 0, len);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    public static void closeAll(int... fds) {
        for (int fd : fds) {
            LibC.close(fd);
        }
    }
}
