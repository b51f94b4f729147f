package io.ferry.servers.http;

import io.ferry.buffer.Buf;
import io.ferry.buffer.BufferPool;
import io.ferry.file.AsyncFile;
import io.ferry.net.Connection;

/**
 * Streams an open file to a connection behind its response head, one pooled buffer at a time (a
 * jumbo buffer while more than a standard one remains): each read lands in a buffer that is then
 * written as is, with no copy, and the next read starts only while the connection is writable, so a
 * slow reader holds at most one buffer of file data beyond the connection's own queue. When the
 * file is sent it is closed and {@code done} runs.
 *
 * <p>A file that shrinks under the stream, or a failed read, cuts the response short: the error goes
 * to the loop's error handler and the connection is aborted (the client sees a reset, never a
 * response shorter than its Content-Length).
 *
 * <p>Threads: the connection's loop thread only. Owns the file until it ends or is cancelled.
 */
final class FileStream {
    private final Connection conn;
    private final AsyncFile file;
    private final long size;
    private final Runnable done;
    private long offset;
    private boolean reading;
    private boolean waitingForPeer;
    private boolean ended;

    FileStream(Connection conn, FileSource.Opened opened, Runnable done) {
        this.conn = conn;
        this.file = opened.file();
        this.size = opened.size();
        this.done = done;
    }

    /** Sends what is queued (the head), then the file. */
    void start() {
        conn.flush();
        next();
    }

    /** The connection went below its low watermark: read on. */
    void onWritable() {
        if (waitingForPeer && !ended) {
            waitingForPeer = false;
            next();
        }
    }

    /** True while the stream waits for the peer to read what is queued. */
    boolean waitsForPeer() {
        return waitingForPeer;
    }

    /** The connection is gone: stop, and close the file once no read is in flight. */
    void cancel() {
        if (!ended) {
            ended = true;
            if (!reading) {
                file.closeAsync();
            }
        }
    }

    private void next() {
        if (offset == size) {
            ended = true;
            file.closeAsync();
            done.run();
            return;
        }
        if (!conn.isWritable()) {
            waitingForPeer = true;
            return;
        }
        BufferPool pool = conn.loop().pool();
        long left = size - offset;
        Buf buf = pool.acquire(left > pool.bufferSize() ? pool.jumboSize() : (int) left);
        reading = true;
        file.read(buf, offset).whenComplete((n, e) -> read(buf, e));
    }

    private void read(Buf buf, Throwable e) {
        reading = false;
        if (ended) {
            buf.release();
            file.closeAsync();
            return;
        }
        if (e != null || !FileSource.trimChunk(buf, size - offset)) {
            buf.release();
            ended = true;
            file.closeAsync();
            conn.loop().reportError(FileSource.cutShort(file, conn, offset, size, e));
            conn.abort();
            return;
        }
        offset += buf.readableBytes();
        conn.write(buf);
        conn.flush();
        next();
    }
}
