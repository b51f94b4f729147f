package io.ferry.backend.epoll;

import io.ferry.linux.IoVec;
import io.ferry.linux.MMsgHdr;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * One loop's native memory for batched datagram calls, shared by its UDP sockets and made on the first one:
 * an {@link MMsgHdr} array with an iovec and a sockaddr slot per element, and the area {@code recvmmsg}
 * receives into before each datagram is copied out whole into the loop's shared receive buffer.
 *
 * <pre>
 *   vec    [mmsghdr 0 | mmsghdr 1 | ... ]      each: msg_iov -> iovs[i], msg_name -> names[i]
 *   iovs   [iovec 0   | iovec 1   | ... ]      receive: data + i * stride, length = receive limit
 *   names  [32 B      | 32 B      | ... ]      sockaddr_in (16) or sockaddr_in6 (28)
 *   data   [ 1 MiB: as many strides as fit, at most MAX ]
 * </pre>
 *
 * <p>Loop thread only.
 */
final class DatagramBatch implements AutoCloseable {
    /** Most datagrams one recvmmsg or sendmmsg call takes. */
    static final int MAX = 32;
    private static final int NAME_ROOM = 32;
    private static final int RECEIVE_AREA = 1 << 20;
    private final Arena arena = Arena.ofConfined();
    final MemorySegment vec = arena.allocate((long) MMsgHdr.SIZE * MAX, 8);
    private final MemorySegment iovs = arena.allocate((long) IoVec.SIZE * MAX, 8);
    private final MemorySegment names = arena.allocate((long) NAME_ROOM * MAX, 8);
    private final MemorySegment data = arena.allocate(RECEIVE_AREA, 4096);
    /** The receive area as a buffer, made once, for copying out without allocating. */
    final ByteBuffer dataBuffer = data.asByteBuffer();
    private final MemorySegment[] nameSlots = new MemorySegment[MAX];

    DatagramBatch() {
        for (int i = 0; i < MAX; i++) {
            nameSlots[i] = names.asSlice((long) i * NAME_ROOM, NAME_ROOM);
        }
    }

    /**
     * Points the array at the receive area for datagrams of up to {@code limit} bytes.
     *
     * @return how many elements are set up (fewer for large limits: 16 for 65,535)
     */
    int prepareReceive(int limit) {
        int stride = Math.max(limit, 1);
        int slots = Math.min(MAX, RECEIVE_AREA / stride);
        for (int i = 0; i < slots; i++) {
            IoVec.set(iovs, i, data.address() + (long) i * stride, limit);
            MMsgHdr.set(vec, i, iovs.address() + (long) i * IoVec.SIZE, nameAddress(i), NAME_ROOM);
        }
        return slots;
    }

    /** {@return where datagram {@code i} of the last receive starts in {@link #dataBuffer}} */
    static int receivedAt(int i, int limit) {
        return i * Math.max(limit, 1);
    }

    /** {@return the sockaddr slot of element {@code i}} */
    MemorySegment name(int i) {
        return nameSlots[i];
    }

    private long nameAddress(int i) {
        return names.address() + (long) i * NAME_ROOM;
    }

    /**
     * Points element {@code i} at a payload to send and at the destination already written into {@link #name}
     * ({@code namelen} 0: the connected peer).
     */
    void prepareSend(int i, long payload, int length, int namelen) {
        IoVec.set(iovs, i, payload, length);
        MMsgHdr.set(vec, i, iovs.address() + (long) i * IoVec.SIZE, namelen == 0 ? 0 : nameAddress(i), namelen);
    }

    @Override
    public void close() {
        arena.close();
    }
}
