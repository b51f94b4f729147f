package io.ferry.linux;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The three io_uring syscalls, called through libc's {@code syscall(2)} because glibc has no wrappers.
 *
 * <p>Syscall numbers 425-427 are the same on every architecture (they were added after the tables were unified).
 * Every method returns the kernel's result or {@code -errno}; none throws for an errno. Any thread may call, but a
 * ring set up with IORING_SETUP_SINGLE_ISSUER accepts {@code io_uring_enter} only from its submitter thread.
 */
public final class IoUringSyscalls {
    /** Syscall number of io_uring_setup. */
    public static final long SYS_IO_URING_SETUP = 425;
    /** Syscall number of io_uring_enter. */
    public static final long SYS_IO_URING_ENTER = 426;
    /** Syscall number of io_uring_register. */
    public static final long SYS_IO_URING_REGISTER = 427;

    private static final MethodHandle MH$setup = NativeAccess.syscall(
        FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG), false);
    private static final MethodHandle MH$enter = NativeAccess.syscall(
        FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
        false);
    private static final MethodHandle MH$enterNoWait = NativeAccess.syscall(
        FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
        true);
    private static final MethodHandle MH$register = NativeAccess.syscall(
        FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG), false);

    private IoUringSyscalls() {
    }

    /**
     * io_uring_setup(2).
     *
     * @param entries requested SQ entries (rounded up to a power of two by the kernel)
     * @param params address of an {@link IoUringParams} the kernel reads flags from and fills in
     * @return the ring descriptor, or -errno (-EPERM/-ENOSYS when io_uring is forbidden, -EINVAL for unknown flags)
     */
    public static int setup(int entries, long params) {
        MemorySegment cs = NativeAccess.callState();
        try {
            long r = (long) MH$setup.invokeExact(cs, SYS_IO_URING_SETUP, (long) entries, params);
            return r < 0 ? -NativeAccess.errno(cs) : (int) r;
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        }
    }

    /**
     * io_uring_enter(2). Blocking when {@code minComplete > 0} with IORING_ENTER_GETEVENTS; otherwise it returns
     * quickly and is linked as a critical call.
     *
     * @param fd the ring descriptor (or registered ring index with IORING_ENTER_REGISTERED_RING)
     * @param toSubmit number of SQEs to consume from the SQ ring
     * @param minComplete completions to wait for (with IORING_ENTER_GETEVENTS)
     * @param flags IORING_ENTER_* flags
     * @param arg address of a sigset or, with IORING_ENTER_EXT_ARG, of an {@link IoUringGeteventsArg}; 0 for none
     * @param argSize size of what {@code arg} points to
     * @return SQEs consumed, or -errno (-EINTR, -EBUSY/-EAGAIN when the CQ backlog is full, -ETIME on timeout)
     */
    public static int enter(int fd, int toSubmit, int minComplete, int flags, long arg, long argSize) {
        MemorySegment cs = NativeAccess.callState();
        try {
            long r = minComplete > 0
                ? (long) MH$enter.invokeExact(cs, SYS_IO_URING_ENTER, (long) fd, (long) toSubmit,
                    (long) minComplete, (long) flags, arg, argSize)
                : (long) MH$enterNoWait.invokeExact(cs, SYS_IO_URING_ENTER, (long) fd, (long) toSubmit,
                    0L, (long) flags, arg, argSize);
            return r < 0 ? -NativeAccess.errno(cs) : (int) r;
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        }
    }

    /**
     * io_uring_register(2).
     *
     * @param fd the ring descriptor
     * @param opcode an IORING_REGISTER_* opcode
     * @param arg address of the opcode's argument, or 0
     * @param nrArgs the opcode's count argument
     * @return a non-negative result, or -errno
     */
    public static int register(int fd, int opcode, long arg, int nrArgs) {
        MemorySegment cs = NativeAccess.callState();
        try {
            long r = (long) MH$register.invokeExact(cs, SYS_IO_URING_REGISTER, (long) fd, (long) opcode, arg,
                (long) nrArgs);
            return r < 0 ? -NativeAccess.errno(cs) : (int) r;
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        }
    }
}
