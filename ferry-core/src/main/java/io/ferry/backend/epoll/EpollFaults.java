package io.ferry.backend.epoll;

import io.ferry.linux.Errno;
import io.ferry.linux.LibC;
import io.ferry.spi.Fault;
import io.ferry.spi.FaultInjector;

/**
 * The epoll backend's syscalls with a test's {@link FaultInjector} in front: a read, sendmsg or accept4 that
 * the plan fails never reaches the kernel and returns the errno instead; a short send really passes fewer
 * bytes to the kernel. Exists only when a test gave the backend an injector. Loop thread only.
 *
 * <p>Edge-triggered epoll reports readiness once. A kernel answers EAGAIN or a short send only when the
 * socket is drained or full, and a new edge follows; an injected one would otherwise leave a ready socket
 * waiting forever. So after either the descriptor is re-registered (EPOLL_CTL_MOD), which makes epoll report
 * it again if it is still ready, as after a spurious wake-up. An injected ECONNRESET sets SO_LINGER 0 first,
 * so the close that follows really resets the connection.
 */
final class EpollFaults {
    private final EpollDriver driver;
    private final FaultInjector faults;

    EpollFaults(EpollDriver driver, FaultInjector faults) {
        this.driver = driver;
        this.faults = faults;
    }

    /** read(2) of the socket registered under {@code key}, unless the plan fails it: bytes read or -errno. */
    long read(int fd, long key, long address, int size) {
        Fault fault = faults.recv();
        return fault == Fault.NONE ? LibC.read(fd, address, size) : injected(fd, key, fault);
    }

    /** {@link EpollDriver#sendGathered} of {@code offered} bytes in {@code count} iovecs, perhaps failed or cut. */
    long send(int fd, long key, int count, long offered) {
        Fault fault = faults.send();
        if (fault != Fault.NONE) {
            return injected(fd, key, fault);
        }
        long length = faults.sendLength(offered);
        if (length >= offered) {
            return driver.sendGathered(fd, count);
        }
        long sent = driver.sendGathered(fd, driver.cutIovecs(length));
        driver.rearm(fd, key);
        return sent;
    }

    /** accept4 on the listener {@code fd}, unless the plan fails it (EMFILE): descriptor or -errno. */
    int accept(int fd) {
        Fault fault = faults.accept();
        return fault == Fault.NONE ? driver.calls.accept(fd) : -errno(fault);
    }

    private long injected(int fd, long key, Fault fault) {
        if (fault == Fault.WOULD_BLOCK) {
            driver.rearm(fd, key);
        } else if (fault == Fault.RESET) {
            driver.calls.setLingerReset(fd);
        }
        return -errno(fault);
    }

    private static int errno(Fault fault) {
        return switch (fault) {
            case WOULD_BLOCK -> Errno.EAGAIN;
            case RESET -> Errno.ECONNRESET;
            case NO_DESCRIPTORS -> Errno.EMFILE;
            default -> throw new IllegalArgumentException(fault + " does not arise on epoll");
        };
    }
}
