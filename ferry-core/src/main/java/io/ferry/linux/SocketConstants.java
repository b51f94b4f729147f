package io.ferry.linux;

/**
 * Socket constants for x86_64 Linux, copied from the uapi headers ({@code linux/socket.h},
 * {@code asm-generic/socket.h}, {@code linux/in.h}, {@code linux/in6.h}, {@code linux/tcp.h}, {@code linux/net.h}).
 */
public final class SocketConstants {
    /** Local (Unix domain) sockets. */
    public static final int AF_UNIX = 1;
    /** IPv4. */
    public static final int AF_INET = 2;
    /** IPv6. */
    public static final int AF_INET6 = 10;

    /** Stream socket. */
    public static final int SOCK_STREAM = 1;
    /** Datagram socket. */
    public static final int SOCK_DGRAM = 2;
    /** Or-ed into the type: non-blocking. Equals O_NONBLOCK. */
    public static final int SOCK_NONBLOCK = 04000;
    /** Or-ed into the type: close on exec. Equals O_CLOEXEC. */
    public static final int SOCK_CLOEXEC = 02000000;

    /** Socket-level option level. */
    public static final int SOL_SOCKET = 1;
    /** Allow reuse of local addresses. */
    public static final int SO_REUSEADDR = 2;
    /** Socket type (read only). */
    public static final int SO_TYPE = 3;
    /** Pending socket error, cleared on read; how a non-blocking connect reports failure. */
    public static final int SO_ERROR = 4;
    /** Keep-alive probes. */
    public static final int SO_KEEPALIVE = 9;
    /** Send buffer size. */
    public static final int SO_SNDBUF = 7;
    /** Receive buffer size. */
    public static final int SO_RCVBUF = 8;
    /** Linger on close. */
    public static final int SO_LINGER = 13;
    /** The peer's {@code struct ucred} (pid, uid, gid) on a Unix domain socket. */
    public static final int SO_PEERCRED = 17;
    /** Several sockets may bind the same port; the kernel spreads connections. */
    public static final int SO_REUSEPORT = 15;

    /** IP protocol number for TCP; also the option level for TCP options. */
    public static final int IPPROTO_TCP = 6;
    /** IP protocol number for UDP. */
    public static final int IPPROTO_UDP = 17;
    /** Option level for IPv6 options. */
    public static final int IPPROTO_IPV6 = 41;
    /** IPv6 socket accepts only IPv6. */
    public static final int IPV6_V6ONLY = 26;
    /** Disable Nagle's algorithm. */
    public static final int TCP_NODELAY = 1;
    /** Idle time before keep-alive probes. */
    public static final int TCP_KEEPIDLE = 4;
    /** Interval between keep-alive probes. */
    public static final int TCP_KEEPINTVL = 5;
    /** Number of keep-alive probes. */
    public static final int TCP_KEEPCNT = 6;

    /** shutdown: stop receiving. */
    public static final int SHUT_RD = 0;
    /** shutdown: stop sending (sends FIN). */
    public static final int SHUT_WR = 1;
    /** shutdown: both. */
    public static final int SHUT_RDWR = 2;

    /** send/recv flag: peek. */
    public static final int MSG_PEEK = 0x2;
    /** send/recv flag: non-blocking for this call. */
    public static final int MSG_DONTWAIT = 0x40;
    /** recv flag: wait for the full amount. */
    public static final int MSG_WAITALL = 0x100;
    /** send flag: no SIGPIPE on a broken connection (EPIPE instead). */
    public static final int MSG_NOSIGNAL = 0x4000;
    /** send flag: more data follows. */
    public static final int MSG_MORE = 0x8000;

    /** Kernel default listen backlog cap since 5.4 (net.core.somaxconn). */
    public static final int SOMAXCONN = 4096;

    private SocketConstants() {
    }
}
