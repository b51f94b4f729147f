package io.ferry.linux;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet6Address;
import java.net.InetSocketAddress;

/**
 * Socket set-up calls a Linux backend makes outside its hot path (open, bind, listen, options,
 * names), with the small native scratch memory they need allocated once per loop.
 *
 * <p>Every method returns {@code -errno} on failure, never throws for an errno. One instance per
 * loop thread; not thread-safe.
 */
public final class SocketCalls implements AutoCloseable {
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment addr = arena.allocate(SockAddr.STORAGE_SIZE, 8);
    private final MemorySegment addrLen = arena.allocate(JAVA_INT);
    private final MemorySegment opt = arena.allocate(8, 8);
    private final MemorySegment optLen = arena.allocate(JAVA_INT);

    /** A close-on-exec TCP socket for {@code address}'s family, non-blocking if asked: fd or -errno. */
    public static int openStream(InetSocketAddress address, boolean nonBlocking) {
        int family = address.getAddress() instanceof Inet6Address ? SocketConstants.AF_INET6 : SocketConstants.AF_INET;
        int type = SocketConstants.SOCK_STREAM | SocketConstants.SOCK_CLOEXEC
            | (nonBlocking ? SocketConstants.SOCK_NONBLOCK : 0);
        return Sockets.socket(family, type, 0);
    }

    /**
     * A listening socket bound to {@code address} with SO_REUSEADDR and SO_REUSEPORT, so every loop
     * can listen on the same port.
     *
     * @return the descriptor
     * @throws NativeIoException naming the failed step (socket, setsockopt, bind, listen)
     */
    public int listen(InetSocketAddress address, int backlog, boolean nonBlocking) throws NativeIoException {
        int fd = Errno.check("socket", openStream(address, nonBlocking));
        try {
            Errno.check("setsockopt(SO_REUSEADDR)", setIntOption(fd, SocketConstants.SOL_SOCKET,
                SocketConstants.SO_REUSEADDR, 1));
            Errno.check("setsockopt(SO_REUSEPORT)", setIntOption(fd, SocketConstants.SOL_SOCKET,
                SocketConstants.SO_REUSEPORT, 1));
            int len = SockAddr.write(addr, address);
            Errno.check("bind " + address, Sockets.bind(fd, addr.address(), len));
            Errno.check("listen", Sockets.listen(fd, backlog));
            return fd;
        } catch (NativeIoException | RuntimeException e) {
            LibC.close(fd);
            throw e;
        }
    }

    /** connect(2) to {@code address}: 0, or -errno (-EINPROGRESS on a non-blocking socket). */
    public int connect(int fd, InetSocketAddress address) {
        int len = SockAddr.write(addr, address);
        return Sockets.connect(fd, addr.address(), len);
    }

    /** setsockopt of an int option: 0 or -errno. */
    public int setIntOption(int fd, int level, int name, int value) {
        opt.set(JAVA_INT, 0, value);
        return Sockets.setsockopt(fd, level, name, opt.address(), 4);
    }

    /** getsockopt of an int option: its value, or -errno (SO_ERROR values are positive errnos). */
    public int intOption(int fd, int level, int name) {
        optLen.set(JAVA_INT, 0, 4);
        int r = Sockets.getsockopt(fd, level, name, opt.address(), optLen.address());
        return r < 0 ? r : opt.get(JAVA_INT, 0);
    }

    /** SO_LINGER {on, 0 s}, so that the next close sends RST: 0 or -errno. */
    public int setLingerReset(int fd) {
        opt.set(JAVA_INT, 0, 1);
        opt.set(JAVA_INT, 4, 0);
        return Sockets.setsockopt(fd, SocketConstants.SOL_SOCKET, SocketConstants.SO_LINGER, opt.address(), 8);
    }

    /** getsockname or getpeername: the address, or null when the socket has none (closed, unconnected). */
    public InetSocketAddress name(int fd, boolean peer) {
        addrLen.set(JAVA_INT, 0, SockAddr.STORAGE_SIZE);
        int r = peer ? Sockets.getpeername(fd, addr.address(), addrLen.address())
            : Sockets.getsockname(fd, addr.address(), addrLen.address());
        return r < 0 ? null : SockAddr.read(addr);
    }

    /** accept4 (non-blocking, close-on-exec) of one pending connection: fd or -errno. Peer via {@link #lastAddress}. */
    public int accept(int listenFd) {
        addrLen.set(JAVA_INT, 0, SockAddr.STORAGE_SIZE);
        return Sockets.accept4(listenFd, addr.address(), addrLen.address(),
            SocketConstants.SOCK_NONBLOCK | SocketConstants.SOCK_CLOEXEC);
    }

    /** The address the last {@link #accept} left in the scratch memory. */
    public InetSocketAddress lastAddress() {
        return SockAddr.read(addr);
    }

    @Override
    public void close() {
        arena.close();
    }
}
