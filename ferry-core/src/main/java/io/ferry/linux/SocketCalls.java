package io.ferry.linux;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;

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
    private final MemorySegment opt = arena.allocate(16, 8);
    private final MemorySegment optLen = arena.allocate(JAVA_INT);
    /**
     * The last IPv4 peer's address and its bytes: connections from one host (loopback, a proxy, a load balancer)
     * share one immutable {@link InetAddress} instead of 56 bytes each.
     */
    private InetAddress lastIpv4;
    private int lastIpv4Bytes;

    /** A close-on-exec TCP or Unix stream socket non-blocking if asked: fd or -errno. */
    public static int openStream(SocketAddress address, boolean nonBlocking) {
        int family = address instanceof UnixDomainSocketAddress ? SocketConstants.AF_UNIX
            : ((InetSocketAddress) address).getAddress() instanceof Inet6Address ? SocketConstants.AF_INET6
            : SocketConstants.AF_INET;
        int type = SocketConstants.SOCK_STREAM | SocketConstants.SOCK_CLOEXEC
            | (nonBlocking ? SocketConstants.SOCK_NONBLOCK : 0);
        return Sockets.socket(family, type, 0);
    }

    /**
     * A listening socket bound to {@code address}: a TCP one with SO_REUSEADDR and SO_REUSEPORT, so every loop
     * can listen on the same port, or a Unix one (which has no ports to share).
     *
     * @return the descriptor
     * @throws NativeIoException naming the failed step (socket, setsockopt, bind, listen)
     * @throws BindException when the address is in use (the cause is the EADDRINUSE)
     * @throws IllegalArgumentException for an address sockaddr cannot hold (unresolved, a path too long)
     */
    public int listen(SocketAddress address, int backlog, boolean nonBlocking) throws IOException {
        int fd = Errno.check("socket", openStream(address, nonBlocking));
        try {
            if (address instanceof InetSocketAddress) {
                Errno.check("setsockopt(SO_REUSEADDR)", setIntOption(fd, SocketConstants.SOL_SOCKET,
                    SocketConstants.SO_REUSEADDR, 1));
                Errno.check("setsockopt(SO_REUSEPORT)", setIntOption(fd, SocketConstants.SOL_SOCKET,
                    SocketConstants.SO_REUSEPORT, 1));
            }
            int len = write(addr, address);
            int bound = Sockets.bind(fd, addr.address(), len);
            if (bound == -Errno.EADDRINUSE) {
                BindException e = new BindException("bind " + address + ": address already in use");
                e.initCause(Errno.exception("bind", bound));
                throw e;
            }
            Errno.check("bind " + address, bound);
            Errno.check("listen", Sockets.listen(fd, backlog));
            return fd;
        } catch (IOException | RuntimeException e) {
            LibC.close(fd);
            throw e;
        }
    }

    /** connect(2) to {@code address}: 0, or -errno (-EINPROGRESS on a non-blocking socket). */
    public int connect(int fd, SocketAddress address) {
        int len = write(addr, address);
        return Sockets.connect(fd, addr.address(), len);
    }

    /**
     * Writes {@code address} as the sockaddr of its family at the start of {@code dst}.
     *
     * @return the address length
     * @throws IllegalArgumentException for an address sockaddr cannot hold (unresolved, a path too long)
     */
    public static int write(MemorySegment dst, SocketAddress address) {
        return address instanceof UnixDomainSocketAddress unix ? UnixSockAddr.write(dst, unix.getPath().toString())
            : SockAddr.write(dst, (InetSocketAddress) address);
    }

    /**
     * SO_PEERCRED of a Unix domain socket into this instance's scratch memory: 0, then {@link #peerPid},
     * {@link #peerUid} and {@link #peerGid} tell who, or -errno.
     */
    public int readPeerCredentials(int fd) {
        optLen.set(JAVA_INT, 0, 12);
        return Sockets.getsockopt(fd, SocketConstants.SOL_SOCKET, SocketConstants.SO_PEERCRED, opt.address(),
            optLen.address());
    }

    /** {@return {@code struct ucred}'s pid, as the last {@link #readPeerCredentials} read it} */
    public int peerPid() {
        return opt.get(JAVA_INT, 0);
    }

    /** {@return {@code struct ucred}'s uid, as the last {@link #readPeerCredentials} read it} */
    public int peerUid() {
        return opt.get(JAVA_INT, 4);
    }

    /** {@return {@code struct ucred}'s gid, as the last {@link #readPeerCredentials} read it} */
    public int peerGid() {
        return opt.get(JAVA_INT, 8);
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

    /**
     * The local address of a connection a listener accepted: the listener's own address object when it is bound
     * to one address (a Unix path, or a specific IP), so connections share it and cost no system call; asked of
     * the kernel only behind a wildcard bind, where it depends on the address the client dialled.
     *
     * @param listening the listener's local address
     * @param fd        the accepted socket
     * @return its local address, or null when the kernel has none for it
     */
    public SocketAddress acceptedLocal(SocketAddress listening, int fd) {
        if (listening instanceof InetSocketAddress inet && inet.getAddress().isAnyLocalAddress()) {
            return name(fd, false);
        }
        return listening;
    }

    /** getsockname or getpeername: the address, or null when the socket has none (closed, unconnected). */
    public SocketAddress name(int fd, boolean peer) {
        addrLen.set(JAVA_INT, 0, SockAddr.STORAGE_SIZE);
        int r = peer ? Sockets.getpeername(fd, addr.address(), addrLen.address())
            : Sockets.getsockname(fd, addr.address(), addrLen.address());
        return r < 0 ? null : read();
    }

    /** accept4 (non-blocking, close-on-exec) of one pending connection: fd or -errno. Peer via {@link #lastAddress}. */
    public int accept(int listenFd) {
        addrLen.set(JAVA_INT, 0, SockAddr.STORAGE_SIZE);
        return Sockets.accept4(listenFd, addr.address(), addrLen.address(),
            SocketConstants.SOCK_NONBLOCK | SocketConstants.SOCK_CLOEXEC);
    }

    /** The address the last {@link #accept} left in the scratch memory. */
    public SocketAddress lastAddress() {
        return read();
    }

    /** The address in the scratch memory: a Unix one as a {@link UnixDomainSocketAddress} (abstract: '@name'). */
    private SocketAddress read() {
        int family = SockAddr.family(addr);
        if (family == SocketConstants.AF_UNIX) {
            return UnixDomainSocketAddress.of(UnixSockAddr.read(addr, addrLen.get(JAVA_INT, 0)));
        }
        if (family != SocketConstants.AF_INET) {
            return SockAddr.read(addr);
        }
        int ip = SockAddr.ipv4(addr);
        if (lastIpv4 == null || ip != lastIpv4Bytes) {
            lastIpv4 = SockAddr.read(addr).getAddress();
            lastIpv4Bytes = ip;
        }
        return new InetSocketAddress(lastIpv4, SockAddr.port(addr));
    }

    @Override
    public void close() {
        arena.close();
    }
}
