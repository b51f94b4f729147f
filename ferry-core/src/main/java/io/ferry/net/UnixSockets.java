package io.ferry.net;

import java.net.UnixDomainSocketAddress;

/**
 * Unix domain socket addresses beyond what {@link UnixDomainSocketAddress} spells: Linux's abstract namespace,
 * whose names live in the kernel, not the file system, and vanish with the last socket that uses them.
 *
 * <p>An abstract address is written as a path that starts with {@code '@'} (as {@code ss} and {@code socat}
 * print them): {@code @ferry-echo} is the abstract name {@code "ferry-echo"}. The io_uring and epoll backends
 * support it; java.nio cannot, so the nio backend refuses it with an {@link UnsupportedOperationException}.
 * Names are at most {@value #MAX_PATH_BYTES} bytes, as file paths are.
 */
public final class UnixSockets {
    /** The longest path (or abstract name) in bytes: {@code sun_path} holds 108 with the terminating NUL. */
    public static final int MAX_PATH_BYTES = 107;

    private UnixSockets() {
    }

    /**
     * {@return the address of {@code name} in Linux's abstract namespace}
     *
     * @param name the name, without the leading {@code '@'}; not empty
     * @throws IllegalArgumentException when {@code name} is empty
     */
    public static UnixDomainSocketAddress abstractAddress(String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("an abstract Unix socket name must not be empty");
        }
        return UnixDomainSocketAddress.of("@" + name);
    }

    /**
     * {@return whether {@code address} names Linux's abstract namespace (its path starts with {@code '@'})}
     *
     * @param address a Unix domain socket address
     */
    public static boolean isAbstract(UnixDomainSocketAddress address) {
        return address.getPath().toString().startsWith("@");
    }
}
