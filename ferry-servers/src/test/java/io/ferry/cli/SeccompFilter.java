package io.ferry.cli;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.List;

/**
 * Installs a seccomp filter that makes the given x86_64 system calls fail with an errno, EPERM as Docker's
 * default profile does for io_uring_setup, or ENOSYS as profiles do that want libc to fall back. Applied to
 * every thread of the process (SECCOMP_FILTER_FLAG_TSYNC), and inherited by the threads started later, so it
 * holds for the whole JVM from then on. Cannot be undone.
 */
final class SeccompFilter {
    static final int IO_URING_SETUP = 425;
    static final int EPOLL_CREATE = 213;
    static final int EPOLL_CREATE1 = 291;
    static final int EPERM = 1;
    static final int ENOSYS = 38;

    private static final int PR_SET_NO_NEW_PRIVS = 38;
    private static final long SYS_SECCOMP = 317;
    private static final int SECCOMP_SET_MODE_FILTER = 1;
    private static final int SECCOMP_FILTER_FLAG_TSYNC = 1;
    private static final int AUDIT_ARCH_X86_64 = 0xC000003E;
    // Classic BPF opcodes: load a 32-bit word of seccomp_data, compare, return.
    private static final short LD_W_ABS = 0x20;
    private static final short JEQ_K = 0x15;
    private static final short RET_K = 0x06;
    private static final int SECCOMP_RET_ALLOW = 0x7fff0000;
    private static final int SECCOMP_RET_ERRNO = 0x00050000;
    private static final int OFFSET_NR = 0;
    private static final int OFFSET_ARCH = 4;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    /** {@code long syscall(long nr, long a, long b, long c)}, errno captured. */
    private static final MethodHandle SYSCALL = LINKER.downcallHandle(
        LINKER.defaultLookup().find("syscall").orElseThrow(),
        FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG),
        Linker.Option.firstVariadicArg(1), Linker.Option.captureCallState("errno"));
    /** {@code int prctl(int option, long, long, long, long)}, errno captured. */
    private static final MethodHandle PRCTL = LINKER.downcallHandle(
        LINKER.defaultLookup().find("prctl").orElseThrow(),
        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG),
        Linker.Option.firstVariadicArg(1), Linker.Option.captureCallState("errno"));

    private SeccompFilter() {
    }

    /** Forbids {@code syscalls} (x86_64 numbers) for the whole process: each then fails with {@code errno}. */
    static void forbid(List<Integer> syscalls, int errno) throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            if ((int) PRCTL.invokeExact(state, PR_SET_NO_NEW_PRIVS, 1L, 0L, 0L, 0L) != 0) {
                throw new IllegalStateException("prctl(PR_SET_NO_NEW_PRIVS) failed: errno " + errno(state));
            }
            int n = syscalls.size();
            // arch check, load nr, one compare per forbidden call, allow, deny.
            MemorySegment program = arena.allocate(8L * (n + 6), 8);
            int i = 0;
            i = put(program, i, LD_W_ABS, 0, 0, OFFSET_ARCH);
            i = put(program, i, JEQ_K, 1, 0, AUDIT_ARCH_X86_64);
            i = put(program, i, RET_K, 0, 0, SECCOMP_RET_ALLOW); // another architecture: leave it alone
            i = put(program, i, LD_W_ABS, 0, 0, OFFSET_NR);
            for (int k = 0; k < n; k++) {
                int toDeny = n - k; // skip the remaining compares and the allow
                i = put(program, i, JEQ_K, toDeny, 0, syscalls.get(k));
            }
            i = put(program, i, RET_K, 0, 0, SECCOMP_RET_ALLOW);
            put(program, i, RET_K, 0, 0, SECCOMP_RET_ERRNO | errno);
            MemorySegment fprog = arena.allocate(16, 8); // struct sock_fprog {u16 len; sock_filter *filter;}
            fprog.set(ValueLayout.JAVA_SHORT, 0, (short) (n + 6));
            fprog.set(ValueLayout.ADDRESS, 8, program);
            long r = (long) SYSCALL.invokeExact(state, SYS_SECCOMP, (long) SECCOMP_SET_MODE_FILTER,
                (long) SECCOMP_FILTER_FLAG_TSYNC, fprog.address());
            // With TSYNC, a positive result is the id of a thread that could not take the filter.
            if (r != 0) {
                throw new IllegalStateException("seccomp(SECCOMP_SET_MODE_FILTER, TSYNC) returned " + r
                    + (r < 0 ? ", errno " + errno(state) : " (a thread that could not be synchronised)"));
            }
        }
    }

    /**
     * Calls system call {@code nr} with zero arguments and returns the errno it fails with, or 0 when it
     * succeeds. Meant for calls the filter forbids, which then never reach the kernel.
     */
    static int errnoOf(int nr) throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            long r = (long) SYSCALL.invokeExact(state, (long) nr, 0L, 0L, 0L);
            return r == -1 ? errno(state) : 0;
        }
    }

    private static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    private static int put(MemorySegment program, int index, short code, int jt, int jf, int k) {
        long at = 8L * index; // struct sock_filter {u16 code; u8 jt; u8 jf; u32 k;}
        program.set(ValueLayout.JAVA_SHORT, at, code);
        program.set(ValueLayout.JAVA_BYTE, at + 2, (byte) jt);
        program.set(ValueLayout.JAVA_BYTE, at + 3, (byte) jf);
        program.set(ValueLayout.JAVA_INT, at + 4, k);
        return index + 1;
    }
}
