package io.ferry.file.internal;

import io.ferry.spi.FileCallback;
import io.ferry.spi.FileOp;
import java.util.Arrays;

/**
 * FIFO of file operations waiting for an in-flight slot, each an entry of the shape
 * {@link BoundedFileIo} describes, kept in parallel primitive arrays (a ring that doubles when full),
 * so queueing allocates nothing in steady state. Loop thread only.
 */
public final class FileOpQueue {
    private FileOp[] ops = new FileOp[16];
    private int[] fds = new int[16];
    private long[] addresses = new long[16];
    private long[] lengths = new long[16];
    private long[] offsets = new long[16];
    private FileCallback[] callbacks = new FileCallback[16];
    private int head;
    private int size;

    public void add(FileOp op, int fd, long address, long length, long offset, FileCallback callback) {
        if (size == ops.length) {
            grow();
        }
        int i = (head + size) & (ops.length - 1);
        ops[i] = op;
        fds[i] = fd;
        addresses[i] = address;
        lengths[i] = length;
        offsets[i] = offset;
        callbacks[i] = callback;
        size++;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public int size() {
        return size;
    }

    /** Removes the oldest entry and hands it to {@code sink}. */
    public void poll(Sink sink) {
        int i = head;
        FileOp op = ops[i];
        FileCallback cb = callbacks[i];
        ops[i] = null;
        callbacks[i] = null;
        head = (head + 1) & (ops.length - 1);
        size--;
        sink.accept(op, fds[i], addresses[i], lengths[i], offsets[i], cb);
    }

    private void grow() {
        int n = ops.length * 2;
        FileOp[] o = new FileOp[n];
        int[] f = new int[n];
        long[] a = new long[n];
        long[] l = new long[n];
        long[] off = new long[n];
        FileCallback[] c = new FileCallback[n];
        for (int k = 0; k < size; k++) {
            int i = (head + k) & (ops.length - 1);
            o[k] = ops[i];
            f[k] = fds[i];
            a[k] = addresses[i];
            l[k] = lengths[i];
            off[k] = offsets[i];
            c[k] = callbacks[i];
        }
        ops = o;
        fds = f;
        addresses = a;
        lengths = l;
        offsets = off;
        callbacks = c;
        head = 0;
        Arrays.fill(ops, size, n, null);
    }

    /** Receives a queued operation. */
    @FunctionalInterface
    public interface Sink {
        void accept(FileOp op, int fd, long address, long length, long offset, FileCallback callback);
    }
}
