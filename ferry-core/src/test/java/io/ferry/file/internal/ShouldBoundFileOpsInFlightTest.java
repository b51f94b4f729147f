package io.ferry.file.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.linux.Errno;
import io.ferry.spi.FileCallback;
import io.ferry.spi.FileOp;
import io.ferry.spi.WholeFileWrite;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ShouldBoundFileOpsInFlightTest {
    // Purpose: BoundedFileIo, the base of both file paths, packs each typed call into its entry, starts at most
    // its bound, queues up to its capacity and refuses beyond, and keeps the bound when starting one operation
    // completes others whose callbacks submit more (as io_uring's prepare() may, draining the ring).

    /** Records what it starts; {@link #duringStart} runs inside the next start, once. */
    private static final class RecordingIo extends BoundedFileIo {
        final List<String> started = new ArrayList<>();
        final List<FileCallback> running = new ArrayList<>();
        Runnable duringStart;
        boolean closed;
        int most;

        RecordingIo(int slots, int queueCapacity) {
            super(slots, queueCapacity);
        }

        @Override
        protected boolean start(FileOp op, int fd, long address, long length, long offset, FileCallback callback) {
            if (closed) {
                return false;
            }
            Runnable hook = duringStart;
            duringStart = null;
            if (hook != null) {
                hook.run();
            }
            started.add(op + " " + fd + " " + address + " " + length + " " + offset);
            running.add(callback);
            most = Math.max(most, running.size());
            return true;
        }

        /** The oldest started operation completes with {@code result}, as a backend reports it. */
        void completeOldest(long result) {
            FileCallback callback = running.remove(0);
            slotFreed();
            callback.done(result);
        }

        @Override
        public String describe() {
            return "recording";
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void shouldPackEachTypedCallIntoItsEntry() {
        RecordingIo io = new RecordingIo(16, 0);
        FileCallback ignore = r -> { };
        assertTrue(io.open(100, 0x41, 0644, ignore));
        assertTrue(io.read(3, 200, 10, 7, ignore));
        assertTrue(io.write(3, 300, 11, 8, ignore));
        assertTrue(io.readv(3, 400, 2, 9, ignore));
        assertTrue(io.writev(3, 500, 4, 12, ignore));
        assertTrue(io.fsync(3, ignore));
        assertTrue(io.fdatasync(3, ignore));
        assertTrue(io.statx(3, 600, ignore));
        assertTrue(io.close(3, ignore));
        assertTrue(io.writeFile(new NoWrite()));
        assertEquals(List.of("OPEN -1 100 65 420", "READ 3 200 10 7", "WRITE 3 300 11 8", "READV 3 400 2 9",
            "WRITEV 3 500 4 12", "FSYNC 3 0 0 0", "FDATASYNC 3 0 0 0", "STATX 3 600 0 0", "CLOSE 3 0 0 0",
            "WRITE_FILE -1 0 0 0"), io.started);
        assertEquals(10, io.inFlight());
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void shouldQueueBeyondTheBoundAndRefuseBeyondTheQueue() {
        RecordingIo io = new RecordingIo(1, 2);
        List<Long> refused = new ArrayList<>();
        assertTrue(io.fsync(1, r -> { }));
        assertTrue(io.open(10, 0, 0, r -> { }));
        assertTrue(io.fsync(2, r -> { }));
        assertFalse(io.fsync(3, refused::add), "beyond the queue: refused");
        assertEquals(List.of(), refused, "a refused operation's callback never runs");
        assertEquals(3, io.inFlight());
        assertEquals(2, io.waiting());
        assertEquals(1, io.waitingOpens());
        io.completeOldest(0);
        assertEquals("FSYNC 2 0 0 0", io.started.get(1), "the operation on an open file goes before the open");
        assertEquals(1, io.most);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void shouldStayWithinTheBoundWhenStartingCompletesOthers() {
        RecordingIo io = new RecordingIo(2, 16);
        FileCallback ignore = r -> { };
        assertTrue(io.fsync(1, r -> {
            io.fsync(5, ignore); // completing it submits two more
            io.fsync(6, ignore);
        }));
        io.duringStart = () -> io.completeOldest(0);
        assertTrue(io.fsync(4, ignore)); // starting it completes fsync 1 on the way
        assertEquals(2, io.most, "never more than the bound started at once: " + io.started);
        assertEquals(List.of("FSYNC 1 0 0 0", "FSYNC 5 0 0 0", "FSYNC 4 0 0 0"), io.started);
        assertEquals(1, io.waiting(), "fsync 6 waits for a slot");
        assertEquals(3, io.inFlight());
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void shouldCancelWhatCannotStart() {
        RecordingIo io = new RecordingIo(1, 16);
        List<Long> results = new ArrayList<>();
        assertTrue(io.fsync(1, results::add));
        assertTrue(io.fsync(2, results::add));
        assertTrue(io.fsync(3, results::add));
        io.closed = true;
        io.completeOldest(0);
        assertEquals(List.of((long) -Errno.ECANCELED, 0L), results, "the next in line cannot start: cancelled");
        io.cancelWaiting();
        assertEquals(List.of((long) -Errno.ECANCELED, 0L, (long) -Errno.ECANCELED), results);
        assertFalse(io.fsync(4, results::add), "closed with a free slot: refused");
        assertEquals(0, io.inFlight());
    }

    /** A whole-file write whose fields nobody reads here. */
    private static final class NoWrite implements WholeFileWrite {
        @Override
        public long path() {
            return 0;
        }

        @Override
        public int flags() {
            return 0;
        }

        @Override
        public int mode() {
            return 0;
        }

        @Override
        public long address() {
            return 0;
        }

        @Override
        public long length() {
            return 0;
        }

        @Override
        public boolean fsync() {
            return false;
        }

        @Override
        public void failedAt(FileOp step, long written) {
        }

        @Override
        public void done(long result) {
        }
    }
}
