package io.ferry.file;

import io.ferry.diagnostics.SlowFileOpEvent;
import io.ferry.spi.FileCallback;
import io.ferry.spi.FileIo;
import io.ferry.spi.FileOp;
import io.ferry.buffer.Buf;
import io.ferry.linux.Errno;
import io.ferry.linux.IoVec;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.CompletableFuture;

/**
 * One read or write of an {@link AsyncFile}, from or into one buffer (READ/WRITE) or several
 * (READV/WRITEV), continued after short transfers until every byte moved or, for reads, the end of
 * the file. It is both the operation's callback and the future the caller gets: the only object
 * made per operation (vectored ones add their iovec array).
 *
 * <p>It holds a reference to each buffer from {@link #start()} until it completes. A read advances
 * each buffer's write index by the bytes it received; a write leaves the indexes alone.
 *
 * <p>Threads: {@link #start()} and {@link #done(long)} on the file's loop thread.
 */
final class Transfer extends CompletableFuture<Long> implements FileCallback {
    private final AsyncFile file;
    private final boolean write;
    private final Buf[] bufs;
    private final long offset;
    private final long total;
    private Arena arena;
    private MemorySegment iov;
    private long done;
    private SlowFileOpEvent timing;

    Transfer(AsyncFile file, boolean write, Buf[] bufs, long offset) {
        this.file = file;
        this.write = write;
        this.bufs = bufs;
        this.offset = offset;
        long sum = 0;
        for (Buf b : bufs) {
            sum += length(b);
        }
        this.total = sum;
    }

    /** Where this transfer starts in {@code b}: readable bytes for a write, writable space for a read. */
    long start(Buf b) {
        return b.address() + (write ? b.readIndex() : b.writeIndex());
    }

    long length(Buf b) {
        return write ? b.readableBytes() : b.writableBytes();
    }

    FileOp op() {
        return bufs.length == 1 ? (write ? FileOp.WRITE : FileOp.READ) : (write ? FileOp.WRITEV : FileOp.READV);
    }

    void start() {
        if (file.isClosing()) {
            completeExceptionally(file.closedError(op(), offset));
            return;
        }
        for (Buf b : bufs) {
            b.retain();
        }
        file.begin();
        timing = SlowFileOpEvent.start();
        if (total == 0) {
            finish();
        } else {
            submitRest();
        }
    }

    private void submitRest() {
        FileIo io = file.io();
        int fd = file.fd();
        long at = offset + done;
        boolean accepted;
        if (bufs.length == 1) {
            long from = start(bufs[0]) + done;
            int left = (int) (total - done); // one buffer: at most an int of bytes
            accepted = write ? io.write(fd, from, left, at, this) : io.read(fd, from, left, at, this);
        } else {
            int n = fillIovecs();
            accepted = write ? io.writev(fd, iov.address(), n, at, this) : io.readv(fd, iov.address(), n, at, this);
        }
        if (!accepted) {
            end(file.rejected(op(), offset + done));
        }
    }

    /** Points the iovec array at the bytes not yet moved; returns how many entries it used. */
    private int fillIovecs() {
        if (iov == null) {
            arena = Arena.ofConfined();
            iov = arena.allocate((long) IoVec.SIZE * bufs.length, 8);
        }
        long skip = done;
        int n = 0;
        for (Buf b : bufs) {
            long len = length(b);
            if (skip >= len) {
                skip -= len;
                continue;
            }
            IoVec.set(iov, n++, start(b) + skip, len - skip);
            skip = 0;
        }
        return n;
    }

    @Override
    public void done(long result) {
        if (result > 0) {
            done += result;
            if (done < total) {
                submitRest();
            } else {
                finish();
            }
        } else if (result == 0) {
            if (write) {
                end(new FileIoException(op().label(), file.path(), offset + done, Errno.EIO));
            } else {
                finish(); // end of file
            }
        } else if (result == -Errno.EINTR || result == -Errno.EAGAIN) {
            submitRest();
        } else {
            end(new FileIoException(op().label(), file.path(), offset + done, (int) -result));
        }
    }

    private void finish() {
        if (!write) {
            long left = done;
            for (Buf b : bufs) {
                int got = (int) Math.min(left, b.writableBytes());
                b.writeIndex(b.writeIndex() + got);
                left -= got;
            }
        }
        end(null);
    }

    private void end(Throwable failure) {
        for (Buf b : bufs) {
            b.release();
        }
        if (arena != null) {
            arena.close();
        }
        file.end();
        SlowFileOpEvent.finish(timing, op().label(), file.path(), done, failure);
        if (failure == null) {
            complete(done);
        } else {
            completeExceptionally(failure);
        }
    }
}
