package io.ferry.backend.uring;

import io.ferry.buffer.Buf;
import io.ferry.buffer.BufferPool;
import io.ferry.linux.IoUringRecvmsgOut;
import io.ferry.linux.MsgHdr;
import io.ferry.linux.NativeIoException;
import io.ferry.linux.SockAddr;
import io.ferry.linux.uring.IoUring;
import io.ferry.linux.uring.ProvidedBufferRing;
import io.ferry.spi.SharedRecvBuffer;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * One loop's provided-buffer ring for datagrams (group 1), shared by its UDP sockets and made on the first
 * one: {@value #BUFFERS} buffers, each large enough for the {@code io_uring_recvmsg_out} header, a
 * {@code sockaddr_in6} and the largest UDP payload, so the kernel never cuts a datagram (a socket's smaller
 * receive limit is applied when the payload is copied out). Each datagram is copied out whole into the loop's
 * pool (packed into shared buffers) and its ring buffer goes straight back on the ring, so the ring never
 * stays dry for long and receive memory is bounded by it.
 *
 * <pre>
 *   buffer i:  | recvmsg_out (16) | name (28) | payload (up to 65,536) | to a page multiple |
 *   template:  msghdr { msg_namelen = 28, msg_controllen = 0 }   (what multishot RECVMSG sizes the name by)
 * </pre>
 *
 * <p>Loop thread only.
 */
final class DatagramRing implements AutoCloseable {
    static final int GROUP = 1;
    static final int BUFFERS = 32;
    /** Where the payload starts in a buffer. */
    static final int PAYLOAD = IoUringRecvmsgOut.SIZE + SockAddr.IN6_SIZE;
    /** Room for the header, the name and 65,536 payload bytes, a page multiple so every buffer is aligned. */
    private static final int BUFFER_SIZE = (PAYLOAD + 65_536 + 4095) & -4096;
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment memory = arena.allocate((long) BUFFER_SIZE * BUFFERS, 4096);
    private final MemorySegment template = arena.allocate(MsgHdr.SIZE, 8);
    private final ByteBuffer bytes = memory.asByteBuffer();
    private final MemorySegment[] buffers = new MemorySegment[BUFFERS];
    private final MemorySegment[] names = new MemorySegment[BUFFERS];
    private final ProvidedBufferRing ring;
    private final SharedRecvBuffer copies;

    DatagramRing(IoUring uring, BufferPool pool) throws NativeIoException {
        MsgHdr.setIov(template, 0L, 0L);
        MsgHdr.setName(template, 0L, SockAddr.IN6_SIZE);
        for (int i = 0; i < BUFFERS; i++) {
            buffers[i] = memory.asSlice((long) i * BUFFER_SIZE, BUFFER_SIZE);
            names[i] = buffers[i].asSlice(IoUringRecvmsgOut.SIZE, SockAddr.IN6_SIZE);
        }
        this.ring = uring.registerBufferRing(GROUP, BUFFERS);
        for (int i = 0; i < BUFFERS; i++) {
            ring.add(i, buffers[i].address(), BUFFER_SIZE);
        }
        ring.publish();
        this.copies = new SharedRecvBuffer(pool);
    }

    /** {@return the address of the msghdr template multishot RECVMSG is armed with} */
    long template() {
        return template.address();
    }

    /** {@return buffer {@code id}, header first} */
    MemorySegment buffer(int id) {
        return buffers[id];
    }

    /** {@return the sender's sockaddr in buffer {@code id}} */
    MemorySegment name(int id) {
        return names[id];
    }

    /**
     * Copies {@code length} payload bytes of buffer {@code id} into the pool and puts the buffer back on the ring.
     *
     * @return the payload, owned by the caller
     */
    Buf copyOutAndRecycle(int id, int length) {
        Buf into = copies.reserveWhole(length);
        ByteBuffer bb = into.nioBuffer(into.writeIndex(), length);
        bb.put(bb.position(), bytes, id * BUFFER_SIZE + PAYLOAD, length);
        recycle(id);
        return copies.commit(length);
    }

    /** Puts buffer {@code id} back on the ring, visible to the kernel at once. */
    void recycle(int id) {
        ring.add(id, buffers[id].address(), BUFFER_SIZE);
        ring.publish();
    }

    /** Lets go of the pool buffer copies are packed into (the loop is about to sleep). */
    void idle() {
        copies.close();
    }

    /** Unregisters the ring and frees its memory; after the last receive completed. */
    @Override
    public void close() {
        copies.close();
        ring.close();
        arena.close();
    }
}
